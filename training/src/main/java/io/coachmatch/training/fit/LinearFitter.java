package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.ProgressListener;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Fits the grade (0-3) of each pair by least squares over standardised features with Tribuo's
 * {@link LinearSGDTrainer} (AdaGrad), seeded: the same rows and seed give the same weights.
 */
public final class LinearFitter {

    /** The trainer this fitter wraps, as the manifest names it. */
    public static final String TRAINER = LinearSGDTrainer.class.getName();

    /** The library of the trainer, as the manifest's libraries name it. */
    static final String LIBRARY = "tribuo";

    /** Tribuo sorts features by name; a zero-padded index keeps its order the extractor's. */
    static final String[] NAMES = new String[FeatureExtractor.SIZE];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            NAMES[i] = String.format("f%02d_%s", i, FeatureExtractor.FEATURES.get(i));
        }
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    }

    /**
     * @param centred fit within requests: features and grades minus their request's mean (what orders
     *                coaches within one answer is what counts)
     * @param positionWeighted weight engaged pairs by the inverse of their position's estimated
     *                examination propensity (see {@link Propensity})
     */
    public record Settings(
            int epochs, double learningRate, int minibatch, long seed, boolean centred, boolean positionWeighted) {

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("objective", "squared_loss");
            m.put("optimiser", "adagrad");
            m.put("learning_rate", learningRate);
            m.put("epsilon", 1e-6);
            m.put("epochs", epochs);
            m.put("minibatch", minibatch);
            m.put("target", centred ? "grade_0_to_3_minus_request_mean" : "grade_0_to_3");
            m.put("features", centred ? "standardised_minus_request_mean" : "standardised");
            m.put("position_weighting", positionWeighted ? "inverse_propensity_of_engaged_pairs" : "none");
            return m;
        }
    }

    /** A fitted linear model: the standardisation of its inputs and its weights. */
    public record Fit(ModelDefinition.Standardisation standardisation, ModelDefinition.Linear linear) {}

    private LinearFitter() {}

    public static Fit fit(PairFeatures train, Settings s, ProgressListener progressListener) {
        int f = FeatureExtractor.SIZE;
        int rows = train.rows();
        ModelDefinition.Standardisation st = Standardisation.fit(train.x(), rows);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> ds =
                new MutableDataset<>(new SimpleDataSourceProvenance("coachmatch training pairs", factory), factory);
        double[] exampleWeights =
                s.positionWeighted() ? Propensity.estimate(train).weights(train) : null;
        try (ProgressListener.Step progress = progressListener.start("dataset", rows, "pairs")) {
            double[] v = new double[f];
            double[] mean = new double[f];
            for (int k = 0; k < train.requests(); k++) {
                int from = train.offsets()[k];
                int to = train.offsets()[k + 1];
                Arrays.fill(mean, 0);
                double meanGrade = 0;
                if (s.centred()) {
                    for (int r = from; r < to; r++) {
                        for (int j = 0; j < f; j++) {
                            mean[j] += (train.x()[r * f + j] - st.mean()[j]) / st.scale()[j];
                        }
                        meanGrade += train.grade()[r];
                    }
                    for (int j = 0; j < f; j++) {
                        mean[j] /= (to - from);
                    }
                    meanGrade /= (to - from);
                }
                for (int r = from; r < to; r++) {
                    for (int j = 0; j < f; j++) {
                        v[j] = (train.x()[r * f + j] - st.mean()[j]) / st.scale()[j] - mean[j];
                    }
                    ArrayExample<Regressor> ex =
                            new ArrayExample<>(new Regressor("grade", train.grade()[r] - meanGrade), NAMES, v);
                    if (exampleWeights != null) {
                        ex.setWeight((float) exampleWeights[r]);
                    }
                    ds.add(ex);
                }
                progress.stepTo(to);
            }
            progress.stepTo(rows);
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(
                new SquaredLoss(),
                new AdaGrad(s.learningRate(), 1e-6),
                s.epochs(),
                Integer.MAX_VALUE,
                s.minibatch(),
                s.seed());
        LinearSGDModel model;
        try (ProgressListener.Step progress =
                progressListener.start("fit linear (" + s.epochs() + " epochs)", 1, "fits")) {
            model = (LinearSGDModel) trainer.train(ds);
            progress.stepTo(1);
        }
        DenseMatrix w = model.getWeightsCopy();
        double[][] a = w.toArray();
        double[] weights = new double[f];
        var ids = model.getFeatureIDMap();
        for (int j = 0; j < f; j++) {
            var info = ids.get(NAMES[j]);
            weights[j] = info == null ? 0.0 : a[0][ids.getID(NAMES[j])];
        }
        double bias = a[0][a[0].length - 1];
        return new Fit(st, new ModelDefinition.Linear(weights, bias));
    }

    /** The version of the trainer's library, for the manifest. */
    static String libraryVersion() {
        return Tribuo.VERSION;
    }

    static List<String> names() {
        return List.of(NAMES);
    }
}
