package dev.circuits.core.match;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How an {@link IterativeMatcher} continues below a node: the same matcher for every child,
 * finished (children not visited), one new matcher for every child, or one entry per child (an
 * empty entry means finished for that child).
 */
public sealed interface Updated permits Updated.Same, Updated.Finished, Updated.One,
    Updated.PerChild {

  /** Keep using the current matcher for all children. */
  static Updated same() {
    return Same.INSTANCE;
  }

  /** Stop: the children are not visited. */
  static Updated finished() {
    return Finished.INSTANCE;
  }

  /** Use {@code matcher} for all children. */
  static Updated to(IterativeMatcher matcher) {
    return new One(matcher);
  }

  /** One entry per child; an empty entry means finished for that child. */
  static Updated perChild(List<Optional<IterativeMatcher>> perChild) {
    return new PerChild(perChild);
  }

  /** True when no child will be visited. */
  default boolean allFinished() {
    return false;
  }

  /** The matcher for each of {@code numChildren} children (empty: not visited). */
  List<Optional<IterativeMatcher>> forChildren(IterativeMatcher current, int numChildren);

  /** Applies {@code f} to every continuing matcher ({@link Same} stays {@link Same}). */
  Updated map(UnaryOperator<IterativeMatcher> f);

  /** Same matcher for all children. */
  final class Same implements Updated {
    private static final Same INSTANCE = new Same();

    private Same() {}

    @Override
    public List<Optional<IterativeMatcher>> forChildren(IterativeMatcher current, int n) {
      return Collections.nCopies(n, Optional.of(current));
    }

    @Override
    public Updated map(UnaryOperator<IterativeMatcher> f) {
      return this;
    }

    @Override
    public String toString() {
      return "Same";
    }
  }

  /** Traversal stops here. */
  final class Finished implements Updated {
    private static final Finished INSTANCE = new Finished();

    private Finished() {}

    @Override
    public boolean allFinished() {
      return true;
    }

    @Override
    public List<Optional<IterativeMatcher>> forChildren(IterativeMatcher current, int n) {
      return Collections.nCopies(n, Optional.empty());
    }

    @Override
    public Updated map(UnaryOperator<IterativeMatcher> f) {
      return this;
    }

    @Override
    public String toString() {
      return "FINISHED";
    }
  }

  /** One new matcher for all children. */
  record One(IterativeMatcher matcher) implements Updated {
    /** Checks the matcher is present. */
    public One {
      java.util.Objects.requireNonNull(matcher, "matcher");
    }

    @Override
    public List<Optional<IterativeMatcher>> forChildren(IterativeMatcher current, int n) {
      return Collections.nCopies(n, Optional.of(matcher));
    }

    @Override
    public Updated map(UnaryOperator<IterativeMatcher> f) {
      return new One(f.apply(matcher));
    }

    @Override
    public String toString() {
      return matcher.toString();
    }
  }

  /** One entry per child (empty: finished for that child). */
  record PerChild(List<Optional<IterativeMatcher>> matchers) implements Updated {
    /** Copies the list. */
    public PerChild {
      matchers = List.copyOf(matchers);
    }

    @Override
    public boolean allFinished() {
      return matchers.stream().allMatch(Optional::isEmpty);
    }

    @Override
    public List<Optional<IterativeMatcher>> forChildren(IterativeMatcher current, int n) {
      if (matchers.size() != n) {
        throw new MatchException(MatchException.Reason.NUM_UPDATED_MATCHERS_NEQ_NUM_CHILDREN,
            "num_updated_matchers=" + matchers.size() + " != num_children=" + n
                + "; updated_matchers=" + this + ", from_matcher=" + current);
      }
      return matchers;
    }

    @Override
    public Updated map(UnaryOperator<IterativeMatcher> f) {
      List<Optional<IterativeMatcher>> out = new ArrayList<>(matchers.size());
      for (Optional<IterativeMatcher> m : matchers) {
        out.add(m.map(f));
      }
      return new PerChild(out);
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      for (Optional<IterativeMatcher> m : matchers) {
        parts.add(m.map(Object::toString).orElse("FINISHED"));
      }
      return parts.toString();
    }
  }
}
