package io.coachmatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TextNormalizerTests {

    private final TextNormalizer n = TextNormalizer.defaults();

    @Nested
    class SkillNames {

        @Test
        void spellingVariantsOfOneSkillMeet() {
            assertThat(n.skill("React")).isEqualTo("react");
            assertThat(n.skill("React.js")).isEqualTo("react");
            assertThat(n.skill("ReactJS")).isEqualTo("react");
            assertThat(n.skill(" react js ")).isEqualTo("react");
            assertThat(n.skill("K8s")).isEqualTo("kubernetes");
            assertThat(n.skill("Golang")).isEqualTo("go");
            assertThat(n.skill("JS")).isEqualTo("javascript");
            assertThat(n.skill("Node.js")).isEqualTo("nodejs");
        }

        @Test
        void symbolsThatCarryMeaningAreSpelledOut() {
            assertThat(n.skill("C++")).isEqualTo("cpp");
            assertThat(n.skill("C#")).isEqualTo("csharp");
            assertThat(n.skill(".NET")).isEqualTo("dotnet");
            assertThat(n.skill("ASP.NET")).isEqualTo("asp dotnet");
        }

        @Test
        void whiteSpaceAndPunctuationFoldAndMultiWordSynonymsExpand() {
            assertThat(n.skill("  Machine   Learning ")).isEqualTo("machine learning");
            assertThat(n.skill("ML")).isEqualTo("machine learning");
            assertThat(n.skill("Scikit-Learn")).isEqualTo("scikitlearn");
            assertThat(n.skill("Applied ML")).isEqualTo("applied machine learning");
            assertThat(n.skill(null)).isEmpty();
            assertThat(n.skill(" ?! ")).isEmpty();
        }
    }

    @Test
    void freeTextBecomesNormalisedTermsWithoutStopWords() {
        assertThat(n.terms("Builds React.js and K8s apps; the best!"))
                .containsExactly("builds", "react", "kubernetes", "apps", "best");
        assertThat(n.terms(null)).isEmpty();
    }
}
