package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.training.data.PairFeatures;
import java.util.LinkedHashMap;
import java.util.Map;

/** Placeholder until the Smile exporter lands. */
public final class GbtFitter {

    public record Settings(int trees, int maxDepth, int maxNodes, int nodeSize, double shrinkage, double subsample,
            int maxRows, long seed) {

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("loss", "least_squares");
            m.put("trees", trees);
            m.put("max_depth", maxDepth);
            m.put("max_nodes", maxNodes);
            m.put("node_size", nodeSize);
            m.put("shrinkage", shrinkage);
            m.put("subsample", subsample);
            m.put("max_rows", maxRows);
            m.put("target", "grade_0_to_3");
            return m;
        }
    }

    private GbtFitter() {
    }

    public static ModelDefinition.Gbt fit(PairFeatures train, Settings s) {
        throw new UnsupportedOperationException("gbt is not available yet");
    }
}
