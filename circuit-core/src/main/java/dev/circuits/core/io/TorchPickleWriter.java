package dev.circuits.core.io;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Writes the {@code data.pkl} torch.save produces for one contiguous tensor, byte for byte as
 * Python's protocol-2 pickler does: {@code _rebuild_tensor_v2(storage, 0, size, stride, False,
 * OrderedDict())} with the storage as persistent id {@code ('storage', torch.<T>Storage, '0',
 * 'cpu', numel)}; strings, globals and non-empty tuples are memoized in order.
 */
final class TorchPickleWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int memo;

  private TorchPickleWriter() {}

  /** The pickle for a contiguous tensor of {@code dtype} and {@code size}. */
  static byte[] write(TorchDtype dtype, long[] size) {
    TorchPickleWriter w = new TorchPickleWriter();
    long numel = 1;
    long[] stride = new long[size.length];
    for (int i = size.length - 1; i >= 0; i--) {
      stride[i] = numel;
      numel *= size[i];
    }
    w.op(0x80).op(2);
    w.global("torch._utils", "_rebuild_tensor_v2");
    w.op('(');
    w.op('(');
    w.unicode("storage");
    w.global("torch", dtype.storageName());
    w.unicode("0");
    w.unicode("cpu");
    w.integer(numel);
    w.op('t').put();
    w.op('Q');
    w.integer(0);
    w.tuple(size);
    w.tuple(stride);
    w.op(0x89);
    w.global("collections", "OrderedDict");
    w.op(')').op('R').put();
    w.op('t').put();
    w.op('R').put();
    w.op('.');
    return w.out.toByteArray();
  }

  private TorchPickleWriter op(int b) {
    out.write(b);
    return this;
  }

  /** BINPUT (or LONG_BINPUT) of the next memo index. */
  private void put() {
    if (memo < 256) {
      op('q').op(memo);
    } else {
      op('r');
      le(memo, 4);
    }
    memo++;
  }

  private void global(String module, String name) {
    op('c');
    out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    put();
  }

  private void unicode(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    op('X');
    le(b.length, 4);
    out.writeBytes(b);
    put();
  }

  /** Python's {@code save_long}: BININT1, BININT2, BININT or LONG1. */
  private void integer(long v) {
    if (v >= 0 && v <= 0xff) {
      op('K').op((int) v);
    } else if (v >= 0 && v <= 0xffff) {
      op('M');
      le(v, 2);
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      op('J');
      le(v, 4);
    } else {
      byte[] be = BigInteger.valueOf(v).toByteArray();
      op(0x8a).op(be.length);
      for (int i = be.length - 1; i >= 0; i--) {
        out.write(be[i]);
      }
    }
  }

  /** A tuple of ints: EMPTY_TUPLE, TUPLE1-3 or MARK ... TUPLE, memoized unless empty. */
  private void tuple(long[] values) {
    if (values.length == 0) {
      op(')');
      return;
    }
    if (values.length > 3) {
      op('(');
    }
    for (long v : values) {
      integer(v);
    }
    op(values.length > 3 ? 't' : 0x84 + values.length);
    put();
  }

  private void le(long v, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }
}
