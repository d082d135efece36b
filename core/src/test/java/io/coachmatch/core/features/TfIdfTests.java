package io.coachmatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A three-document corpus worked out by hand: d1 = {react, hooks}, d2 = {react, go}, d3 = {go, go}.
 * N = 3, df(react) = df(go) = 2, df(hooks) = 1, so
 * idf(react) = idf(go) = ln(4/3) + 1 = 1.2876820724517808 and idf(hooks) = ln(2) + 1 = 1.6931471805599454.
 * v(d1) = (1.28768, 1.69315)/2.12717 = (react 0.6053485081062916, hooks 0.7959605415681652);
 * v(d2) = (react, go) both 1/√2; v(d3) = (go 1).
 */
class TfIdfTests {

    private static final Map<String, Double> D1 = Map.of("react", 1.0, "hooks", 1.0);
    private static final Map<String, Double> D2 = Map.of("react", 1.0, "go", 1.0);
    private static final Map<String, Double> D3 = Map.of("go", 2.0);
    private final TfIdf tfidf = TfIdf.fit(List.of(D1, D2, D3), 100);

    @Test
    void vocabularyIsAlphabeticalWithSmoothedIdf() {
        assertThat(tfidf.vocabulary()).containsExactly("go", "hooks", "react");
        assertThat(tfidf.idfOf("react")).isCloseTo(1.2876820724517808, within(1e-12));
        assertThat(tfidf.idfOf("go")).isCloseTo(1.2876820724517808, within(1e-12));
        assertThat(tfidf.idfOf("hooks")).isCloseTo(1.6931471805599454, within(1e-12));
        assertThat(tfidf.idfOf("vue")).isZero();
    }

    @Test
    void vectorsAreTfTimesIdfScaledToUnitLength() {
        SparseVector v1 = tfidf.vectorize(D1);
        assertThat(v1.get(tfidf.indexOf("react"))).isCloseTo(0.6053485081062916, within(1e-12));
        assertThat(v1.get(tfidf.indexOf("hooks"))).isCloseTo(0.7959605415681652, within(1e-12));
        assertThat(v1.norm()).isCloseTo(1.0, within(1e-12));
        assertThat(tfidf.vectorize(D3).get(tfidf.indexOf("go"))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void cosineIsTheDotProductOfUnitVectors() {
        SparseVector v1 = tfidf.vectorize(D1);
        SparseVector v2 = tfidf.vectorize(D2);
        SparseVector v3 = tfidf.vectorize(D3);
        assertThat(v1.dot(v2)).isCloseTo(0.4280460350631185, within(1e-12));
        assertThat(v2.dot(v3)).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(v1.dot(v3)).isZero();
        assertThat(v1.dot(v1)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void termsOutsideTheVocabularyAreIgnored() {
        assertThat(tfidf.vectorize(Map.of("vue", 3.0))).isSameAs(SparseVector.EMPTY);
        assertThat(tfidf.vectorize(Map.of("vue", 3.0, "go", 1.0)).get(tfidf.indexOf("go")))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void maxTermsKeepsTheMostCommonTerms() {
        TfIdf small = TfIdf.fit(List.of(D1, D2, D3), 2);
        assertThat(small.vocabulary()).containsExactly("go", "react");
    }
}
