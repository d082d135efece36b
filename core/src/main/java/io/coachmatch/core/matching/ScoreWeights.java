package io.coachmatch.core.matching;

/**
 * The weights of the five rule components. Any non-negative weights with a positive sum are
 * accepted and renormalised to sum to 1, so {@code 3, 2.5, 2, 1.5, 1} means the same as the
 * defaults.
 */
public record ScoreWeights(double skill, double experience, double rating, double availability, double price) {

    public ScoreWeights {
        double[] all = {skill, experience, rating, availability, price};
        String[] names = {"skill", "experience", "rating", "availability", "price"};
        double sum = 0;
        for (int i = 0; i < all.length; i++) {
            if (!(all[i] >= 0) || Double.isInfinite(all[i])) {
                throw new IllegalArgumentException(names[i] + " weight must be a finite number >= 0, was " + all[i]);
            }
            sum += all[i];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("at least one score weight must be positive");
        }
        skill /= sum;
        experience /= sum;
        rating /= sum;
        availability /= sum;
        price /= sum;
    }

    /** Skill 30%, experience 25%, rating 20%, availability 15%, price 10%. */
    public static ScoreWeights defaults() {
        return new ScoreWeights(0.30, 0.25, 0.20, 0.15, 0.10);
    }

    /** The weighted sum of the components, in [0, 1]. */
    public double combine(double s, double e, double r, double a, double p) {
        return skill * s + experience * e + rating * r + availability * a + price * p;
    }
}
