package io.coachmatch.core.features;

import java.util.Arrays;

/**
 * A sparse vector over a vocabulary: term indices in strictly increasing order and their values.
 * Vectors made by {@link TfIdf} have unit length, so their dot product is their cosine similarity.
 * Immutable once built (the arrays are never handed out).
 */
public final class SparseVector {

    public static final SparseVector EMPTY = new SparseVector(new int[0], new double[0]);

    private final int[] indices;
    private final double[] values;

    /** @param indices strictly increasing; taken as they are, not copied */
    SparseVector(int[] indices, double[] values) {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
        this.indices = indices;
        this.values = values;
    }

    public int size() {
        return indices.length;
    }

    public int index(int i) {
        return indices[i];
    }

    public double value(int i) {
        return values[i];
    }

    /** The value at a term index, 0 when absent. */
    public double get(int termIndex) {
        int i = Arrays.binarySearch(indices, termIndex);
        return i >= 0 ? values[i] : 0.0;
    }

    public double norm() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The dot product, by merging the two index lists. */
    public double dot(SparseVector other) {
        int[] a = indices;
        int[] b = other.indices;
        int i = 0;
        int j = 0;
        double sum = 0;
        while (i < a.length && j < b.length) {
            int x = a[i];
            int y = b[j];
            if (x == y) {
                sum += values[i++] * other.values[j++];
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < indices.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(indices[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
