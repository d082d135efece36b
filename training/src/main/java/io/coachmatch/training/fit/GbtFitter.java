package io.coachmatch.training.fit;

import io.coachmatch.core.artifact.ModelDefinition;
import io.coachmatch.core.features.FeatureExtractor;
import io.coachmatch.training.data.PairFeatures;
import io.coachmatch.training.data.ProgressListener;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smile.base.cart.InternalNode;
import smile.base.cart.Loss;
import smile.base.cart.Node;
import smile.base.cart.OrdinalNode;
import smile.base.cart.RegressionNode;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.math.MathEx;
import smile.regression.GradientTreeBoost;
import smile.regression.RegressionTree;

/**
 * Fits a gradient-boosted challenger with Smile's {@link GradientTreeBoost} (least squares on the
 * grade minus its request's mean, over raw features) and exports its trees into the portable
 * artifact, so serving needs no Smile. Smile is GPL-3.0: it stays in this module and in the
 * training jar, never in core or serving.
 *
 * <p>Smile 3.1 has no getters for a split's threshold or the model's intercept and shrinkage; they
 * are read by reflection, and the export is checked against Smile's own predictions before it is
 * used.
 */
public final class GbtFitter {

    /** The trainer this fitter wraps, as the manifest names it. */
    public static final String TRAINER = GradientTreeBoost.class.getName();

    /** The library of the trainer, as the manifest's libraries name it. */
    static final String LIBRARY = "smile";

    /** The boosting settings; {@code maxRows} caps the training pairs, keeping the most recent. */
    public record Settings(
            int trees,
            int maxDepth,
            int maxNodes,
            int nodeSize,
            double shrinkage,
            double subsample,
            int maxRows,
            long seed) {

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
            m.put("target", "grade_0_to_3_minus_request_mean");
            return m;
        }
    }

    private GbtFitter() {}

    public static ModelDefinition.Gbt fit(PairFeatures train, Settings s, ProgressListener progress) {
        int f = FeatureExtractor.SIZE;
        int firstRequest = 0;
        while (train.rows() - train.offsets()[firstRequest] > s.maxRows()) {
            firstRequest++;
        }
        int from = train.offsets()[firstRequest];
        int rows = train.rows() - from;
        double[][] data = new double[rows][f + 1];
        for (int k = firstRequest; k < train.requests(); k++) {
            int a = train.offsets()[k];
            int b = train.offsets()[k + 1];
            double mean = 0;
            for (int r = a; r < b; r++) {
                mean += train.grade()[r];
            }
            mean /= (b - a);
            for (int r = a; r < b; r++) {
                System.arraycopy(train.x(), r * f, data[r - from], 0, f);
                data[r - from][f] = train.grade()[r] - mean;
            }
        }
        String[] names = new String[f + 1];
        for (int j = 0; j < f; j++) {
            names[j] = LinearFitter.NAMES[j];
        }
        names[f] = "grade";
        DataFrame df = DataFrame.of(data, names);
        MathEx.setSeed(s.seed());
        GradientTreeBoost model;
        try (ProgressListener.Step p =
                progress.start("fit gbt (" + s.trees() + " trees, " + rows + " pairs)", 1, "fits")) {
            model = GradientTreeBoost.fit(
                    Formula.lhs("grade"),
                    df,
                    Loss.ls(),
                    s.trees(),
                    s.maxDepth(),
                    s.maxNodes(),
                    s.nodeSize(),
                    s.shrinkage(),
                    s.subsample());
            p.stepTo(1);
        }
        ModelDefinition.Gbt gbt = export(model);
        verify(model, gbt, df, data);
        return gbt;
    }

    /** The version of the trainer's library, as the build recorded it, for the manifest. */
    static String libraryVersion() {
        return TrainingProvenance.buildProperty("smile.version");
    }

    static ModelDefinition.Gbt export(GradientTreeBoost model) {
        List<ModelDefinition.Tree> trees = new ArrayList<>();
        for (RegressionTree t : model.trees()) {
            StructType schema = t.schema();
            int[] toOurs = new int[schema.length()];
            for (int i = 0; i < toOurs.length; i++) {
                toOurs[i] = indexOf(schema.field(i).name);
            }
            Flat flat = new Flat();
            flat.add(t.root(), toOurs);
            trees.add(flat.tree());
        }
        return new ModelDefinition.Gbt(readDouble(model, "b"), readDouble(model, "shrinkage"), trees);
    }

    private static int indexOf(String name) {
        for (int j = 0; j < LinearFitter.NAMES.length; j++) {
            if (LinearFitter.NAMES[j].equals(name)) {
                return j;
            }
        }
        throw new IllegalStateException("Smile tree splits on unknown column " + name);
    }

    /** A tree flattened in pre-order into the artifact's parallel arrays. */
    private static final class Flat {
        final List<Integer> feature = new ArrayList<>();
        final List<Double> threshold = new ArrayList<>();
        final List<Integer> left = new ArrayList<>();
        final List<Integer> right = new ArrayList<>();
        final List<Double> value = new ArrayList<>();

        int add(Node node, int[] toOurs) {
            int id = feature.size();
            feature.add(-1);
            threshold.add(0.0);
            left.add(0);
            right.add(0);
            value.add(0.0);
            if (node instanceof RegressionNode leaf) {
                value.set(id, leaf.output());
            } else if (node instanceof OrdinalNode split) {
                feature.set(id, toOurs[split.feature()]);
                threshold.set(id, readDouble(split, "value"));
                int l = add(split.trueChild(), toOurs);
                int r = add(split.falseChild(), toOurs);
                left.set(id, l);
                right.set(id, r);
            } else if (node instanceof InternalNode other) {
                throw new IllegalStateException(
                        "unexpected split type " + other.getClass().getName());
            } else {
                throw new IllegalStateException(
                        "unexpected node type " + node.getClass().getName());
            }
            return id;
        }

        ModelDefinition.Tree tree() {
            int n = feature.size();
            int[] fe = new int[n];
            double[] th = new double[n];
            int[] l = new int[n];
            int[] r = new int[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                fe[i] = feature.get(i);
                th[i] = threshold.get(i);
                l[i] = left.get(i);
                r[i] = right.get(i);
                v[i] = value.get(i);
            }
            return new ModelDefinition.Tree(fe, th, l, r, v);
        }
    }

    private static double readDouble(Object target, String name) {
        Class<?> c = target.getClass();
        while (c != null) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.getDouble(target);
            } catch (NoSuchFieldException e) {
                c = c.getSuperclass();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read Smile's " + name, e);
            }
        }
        throw new IllegalStateException("Smile " + target.getClass().getName() + " has no field " + name
                + "; this exporter was written for Smile 3.1");
    }

    /** The exported trees must predict what Smile predicts, on a sample of the training rows. */
    private static void verify(GradientTreeBoost model, ModelDefinition.Gbt gbt, DataFrame df, double[][] data) {
        int n = Math.min(200, data.length);
        for (int i = 0; i < n; i++) {
            int row = (int) ((long) i * data.length / n);
            double expected = model.predict(df.get(row));
            double sum = 0;
            for (ModelDefinition.Tree t : gbt.trees()) {
                int node = 0;
                while (t.feature()[node] >= 0) {
                    node = data[row][t.feature()[node]] <= t.threshold()[node] ? t.left()[node] : t.right()[node];
                }
                sum += t.value()[node];
            }
            double actual = gbt.baseScore() + gbt.shrinkage() * sum;
            if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
                throw new IllegalStateException("exported trees predict " + actual + " but Smile predicts " + expected
                        + " for training row " + row);
            }
        }
    }
}
