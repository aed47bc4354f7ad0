package dev.circuits.core.internal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * CPython's {@code random.Random} (MT19937) bit for bit: {@code seed(int)}, {@code getrandbits},
 * {@code random()}, {@code _randbelow}, {@code choice}, {@code shuffle}, {@code randrange}, {@code randint}.
 *
 * <p>Example: {@code new PythonRandom(42).random()} is {@code 0.6394267984578837}, as
 * {@code random.seed(42); random.random()} in Python. Not thread-safe.
 */
public final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int index;

  /** A generator seeded as Python's {@code random.seed(seed)}. */
  public PythonRandom(long seed) {
    seed(seed);
  }

  /** A generator seeded as Python's {@code random.seed(seed)} for an arbitrarily large int. */
  public PythonRandom(BigInteger seed) {
    seed(seed);
  }

  private PythonRandom(int[] state, int index) {
    System.arraycopy(state, 0, mt, 0, N);
    this.index = index;
  }

  /** An independent generator in the same state (Python's {@code getstate}/{@code setstate}). */
  public PythonRandom copy() {
    return new PythonRandom(mt, index);
  }

  /** Reseeds as Python's {@code random.seed(seed)}: init_by_array over |seed|'s 32-bit words. */
  public void seed(long seed) {
    seed(BigInteger.valueOf(seed));
  }

  /** Reseeds as Python's {@code random.seed(seed)} for an arbitrarily large int. */
  public void seed(BigInteger seed) {
    BigInteger n = seed.abs();
    int words = Math.max(1, (n.bitLength() + 31) / 32);
    int[] key = new int[words];
    for (int i = 0; i < words; i++) {
      key[i] = n.shiftRight(32 * i).intValue();
    }
    initByArray(key);
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = UPPER_MASK;
    index = N;
  }

  private void twist() {
    for (int kk = 0; kk < N; kk++) {
      int y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
      mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    }
    index = 0;
  }

  /** The next raw 32-bit output (genrand_uint32), as an unsigned value in a long. */
  public long nextUint32() {
    if (index >= N) {
      twist();
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  /** Python's {@code getrandbits(k)} for {@code 0 <= k <= 63}. */
  public long getrandbits(int k) {
    if (k < 0 || k > 63) {
      throw new IllegalArgumentException("getrandbits: k must be in [0, 63] for a long, got " + k
          + " (use getrandbitsBig for larger k)");
    }
    if (k == 0) {
      return 0L;
    }
    if (k <= 32) {
      return nextUint32() >>> (32 - k);
    }
    return getrandbitsBig(k).longValueExact();
  }

  /** Python's {@code getrandbits(k)} for any k >= 0: 32-bit words filled least significant first. */
  public BigInteger getrandbitsBig(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("getrandbits: number of bits must be non-negative, got " + k);
    }
    if (k == 0) {
      return BigInteger.ZERO;
    }
    if (k <= 32) {
      return BigInteger.valueOf(nextUint32() >>> (32 - k));
    }
    BigInteger result = BigInteger.ZERO;
    int shift = 0;
    for (int left = k; left > 0; left -= 32, shift += 32) {
      long r = nextUint32();
      if (left < 32) {
        r >>>= 32 - left;
      }
      result = result.or(BigInteger.valueOf(r).shiftLeft(shift));
    }
    return result;
  }

  /** Python's {@code random()}: a double in [0, 1) with 53 random bits (genrand_res53). */
  public double random() {
    long a = nextUint32() >>> 5;
    long b = nextUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** Python's {@code _randbelow(n)}: getrandbits(n.bit_length()) redrawn while >= n; n must be > 0. */
  public long randbelow(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("randbelow: n must be positive, got " + n);
    }
    int k = 64 - Long.numberOfLeadingZeros(n);
    long r = getrandbits(k);
    while (r >= n) {
      r = getrandbits(k);
    }
    return r;
  }

  /** Python's {@code randrange(start, stop)}: start + _randbelow(stop - start); requires stop > start. */
  public long randrange(long start, long stop) {
    if (stop <= start) {
      throw new IllegalArgumentException("randrange: empty range [" + start + ", " + stop + ")");
    }
    return start + randbelow(stop - start);
  }

  /** Python's {@code randint(a, b)}: a value in [a, b], both ends included. */
  public long randint(long a, long b) {
    return randrange(a, b + 1);
  }

  /** Python's {@code choice(seq)}: {@code seq[_randbelow(len(seq))]}; the list must not be empty. */
  public <T> T choice(List<T> seq) {
    if (seq.isEmpty()) {
      throw new IllegalArgumentException("choice: cannot choose from an empty sequence");
    }
    return seq.get((int) randbelow(seq.size()));
  }

  /** Python's {@code shuffle(x)} in place: Fisher-Yates from the end with _randbelow(i + 1). */
  public <T> void shuffle(List<T> x) {
    for (int i = x.size() - 1; i > 0; i--) {
      int j = (int) randbelow(i + 1L);
      T tmp = x.get(i);
      x.set(i, x.get(j));
      x.set(j, tmp);
    }
  }

  @Override
  public String toString() {
    return "PythonRandom[index=" + index + ", state hash=" + Arrays.hashCode(mt) + "]";
  }
}
