package dev.stoa.hub.evaluation;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of lm-evaluation-harness, computed the way it computes them, each with a standard error: per-document
 * scores averaged ({@code acc}, {@code acc_norm}, {@code exact_match}) with the standard error of the mean, and
 * corpus-level aggregates ({@code perplexity}, {@code word_perplexity}, {@code byte_perplexity},
 * {@code bits_per_byte}, {@code f1}) with a seeded bootstrap, so the same run gives the same error.
 */
public final class Metrics {

    /** Resamples of the bootstrap unless a caller asks for another number. */
    public static final int BOOTSTRAP_ITERATIONS = 1000;

    private Metrics() {
    }

    /** A metric's value and its standard error. */
    public record Score(double value, double stderr) {
    }

    /** How lm-evaluation-harness aggregates {@code metric} over a task's documents. */
    static String defaultAggregation(String metric) {
        return switch (metric) {
            case "acc", "acc_norm", "exact_match", "acc_ambig", "acc_disambig", "pct_stereotype", "likelihood_diff" -> "mean";
            case "bias_score_ambig", "bias_score_disambig" -> "bias_score";
            case "perplexity" -> "perplexity";
            case "word_perplexity", "byte_perplexity" -> "weighted_perplexity";
            case "bits_per_byte" -> "bits_per_byte";
            case "f1" -> "f1";
            default -> throw new IllegalArgumentException("no metric " + metric);
        };
    }

    /** Whether a lower value of {@code metric} (or of its per-category form {@code metric/category}) is better. */
    public static boolean lowerIsBetter(String metric) {
        String base = metric.contains("/") ? metric.substring(0, metric.indexOf('/')) : metric;
        return switch (base) {
            case "perplexity", "word_perplexity", "byte_perplexity", "bits_per_byte", "likelihood_diff" -> true;
            default -> false;
        };
    }

    /** The mean of per-document scores, with the sample standard deviation over √n as its error. */
    public static Score mean(double[] scores) {
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("no documents were scored");
        }
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= n;
        if (n == 1) {
            return new Score(mean, 0);
        }
        double squares = 0;
        for (double s : scores) {
            squares += (s - mean) * (s - mean);
        }
        return new Score(mean, Math.sqrt(squares / (n - 1)) / Math.sqrt(n));
    }

    /** {@code exp(-mean(loglikelihood))}: the perplexity of a loglikelihood task's targets. */
    public static Score perplexity(double[] loglikelihoods, long seed, int iterations) {
        return bootstrap(loglikelihoods.length, sample -> {
            double sum = 0;
            for (int i : sample) {
                sum += loglikelihoods[i];
            }
            return Math.exp(-sum / sample.length);
        }, seed, iterations);
    }

    /**
     * {@code exp(-Σ loglikelihood / Σ weight)}: with words as weights the word perplexity of a rolling task, with
     * UTF-8 bytes its byte perplexity.
     */
    public static Score weightedPerplexity(double[] loglikelihoods, long[] weights, long seed, int iterations) {
        requireSameLength(loglikelihoods, weights);
        return bootstrap(loglikelihoods.length, sample -> Math.exp(-sum(loglikelihoods, sample) / sum(weights, sample)),
                seed, iterations);
    }

    /** {@code -Σ loglikelihood / (Σ bytes · ln 2)}: bits per UTF-8 byte of a rolling task's documents. */
    public static Score bitsPerByte(double[] loglikelihoods, long[] bytes, long seed, int iterations) {
        requireSameLength(loglikelihoods, bytes);
        return bootstrap(loglikelihoods.length, sample -> -sum(loglikelihoods, sample) / (sum(bytes, sample) * Math.log(2)),
                seed, iterations);
    }

    /** The F1 score of binary answers (1 is the positive class), over the whole task as scikit-learn computes it. */
    public static Score f1(int[] gold, int[] predicted, long seed, int iterations) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("as many answers as documents");
        }
        return bootstrap(gold.length, sample -> {
            int truePositive = 0;
            int falsePositive = 0;
            int falseNegative = 0;
            for (int i : sample) {
                if (predicted[i] == 1 && gold[i] == 1) {
                    truePositive++;
                } else if (predicted[i] == 1) {
                    falsePositive++;
                } else if (gold[i] == 1) {
                    falseNegative++;
                }
            }
            int denominator = 2 * truePositive + falsePositive + falseNegative;
            return denominator == 0 ? 0 : 2.0 * truePositive / denominator;
        }, seed, iterations);
    }

    /**
     * A multiple-choice document's {@code acc} and {@code acc_norm}: whether the choice with the highest
     * loglikelihood is the gold one, and the same with each loglikelihood divided by its choice's length in bytes.
     */
    public static double[] multipleChoice(double[] loglikelihoods, int[] choiceBytes, int gold) {
        if (loglikelihoods.length != choiceBytes.length || gold < 0 || gold >= loglikelihoods.length) {
            throw new IllegalArgumentException("one loglikelihood and one length per choice, and a gold choice");
        }
        int best = 0;
        int bestNormalised = 0;
        for (int i = 1; i < loglikelihoods.length; i++) {
            if (loglikelihoods[i] > loglikelihoods[best]) {
                best = i;
            }
            if (loglikelihoods[i] / choiceBytes[i] > loglikelihoods[bestNormalised] / choiceBytes[bestNormalised]) {
                bestNormalised = i;
            }
        }
        return new double[] {best == gold ? 1 : 0, bestNormalised == gold ? 1 : 0};
    }

    /**
     * The statistic over all documents, and as its error the standard deviation of the statistic over
     * {@code iterations} resamples of the documents with replacement, drawn from {@code seed}.
     */
    static Score bootstrap(int n, ToDoubleFunction<int[]> statistic, long seed, int iterations) {
        if (n == 0) {
            throw new IllegalArgumentException("no documents were scored");
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        double value = statistic.applyAsDouble(all);
        if (n == 1 || iterations < 2) {
            return new Score(value, 0);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] resampled = new double[iterations];
        int[] sample = new int[n];
        for (int r = 0; r < iterations; r++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            resampled[r] = statistic.applyAsDouble(sample);
        }
        double mean = 0;
        for (double v : resampled) {
            mean += v;
        }
        mean /= iterations;
        double squares = 0;
        for (double v : resampled) {
            squares += (v - mean) * (v - mean);
        }
        return new Score(value, Math.sqrt(squares / (iterations - 1)));
    }

    private static double sum(double[] values, int[] sample) {
        double sum = 0;
        for (int i : sample) {
            sum += values[i];
        }
        return sum;
    }

    private static double sum(long[] values, int[] sample) {
        double sum = 0;
        for (int i : sample) {
            sum += values[i];
        }
        return sum;
    }

    private static void requireSameLength(double[] a, long[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("one weight per document");
        }
    }
}
