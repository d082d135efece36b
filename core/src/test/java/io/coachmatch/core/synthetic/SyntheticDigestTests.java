package io.coachmatch.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.coachmatch.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the generated data byte for byte: the SHA-256 of the JSON of seeded coaches and requests and
 * of the skill vocabulary. The hashes were recorded with the generator as it was before it was split
 * into vocabulary, coaches and requests (commit ba33596), so any change to what a seed produces,
 * however small, fails here.
 */
class SyntheticDigestTests {

    private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");

    @Test
    void coachesOfASeedAreUnchanged() {
        assertThat(List.of(sha256(SyntheticCatalog.coaches(42, 3_000)), sha256(SyntheticCatalog.coaches(-7, 500))))
                .containsExactly(
                        "50b0b7c0975d57906fe24dca3ece63f333afae33bdd3acdfb3f3a6247b74ba62",
                        "d61d7a77fae405553ee3247e8cfd28f3d1dac886540abd80d12443311ef3805f");
    }

    @Test
    void requestsOfASeedAreUnchanged() {
        assertThat(List.of(
                        sha256(SyntheticCatalog.requests(42, 2_000, START)),
                        sha256(SyntheticCatalog.requests(-7, 300, START))))
                .containsExactly(
                        "1907f90212861c7955e68c7b64999c0b8547413343db2b9b211c28b5bcff4a9d",
                        "21750ffab6acf8b32d05e1584b5e941224c4e51b5539fd4df78cf5516cfdae49");
    }

    @Test
    void theVocabularyIsUnchanged() {
        assertThat(sha256(List.of(SyntheticCatalog.skillClusters(), SyntheticCatalog.clusterNames())))
                .isEqualTo("a287f3a52e8e636bdb182c54e6c025050b4150409ffc2ff12b94530b6ba2a586");
    }

    /** SHA-256 of the items' JSON, one per line. */
    static String sha256(List<?> items) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Object item : items) {
                md.update(Json.bytes(item));
                md.update("\n".getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
