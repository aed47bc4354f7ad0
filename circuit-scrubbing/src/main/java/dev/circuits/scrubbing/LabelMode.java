package dev.circuits.scrubbing;

/**
 * Which data the label inputs (arrays a metric reads, such as REMIX's IO/S token ids in
 * {@code labels var}) receive when scrubbing. Labels are named in {@link ScrubOptions#withLabels}.
 *
 * <p>A scrubbed run computes the model's output on resampled inputs, and the metric compares it
 * with labels. With {@link #FOLLOW_SAMPLED} the labels are scrubbed like every other input, so they
 * come from the dataset of the deepest interpretation node whose matched paths reach them: in
 * REMIX's "only NM -> logits" experiment that is the root's other-inputs sample {@code x'}, so the
 * scrubbed logit difference is {@code logit[IO(x')] - logit[S(x')]} and measures how much of
 * the behaviour survives <em>outside</em> the hypothesised paths. With {@link #REFERENCE} the
 * labels always hold the reference rows {@code x}, the usual causal-scrubbing reading ("does the
 * model still get the reference answer?"); it equals adding an ExactSampler leaf for the labels
 * under an ExactSampler root, as REMIX's day 4 does with its {@code y'} node.
 */
public enum LabelMode {
  /** REMIX-faithful: labels are inputs like any other and follow the sampled datasets. */
  FOLLOW_SAMPLED,
  /** Labels always hold the reference dataset's rows, whatever the correspondence says. */
  REFERENCE
}
