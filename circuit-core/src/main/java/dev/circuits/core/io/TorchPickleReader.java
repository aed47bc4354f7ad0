package dev.circuits.core.io;

import dev.circuits.core.io.TorchFormatException.Problem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict interpreter for the pickle torch.save writes for one plain tensor (protocol 2): it
 * builds symbolic values only and never calls anything. Allowed globals are
 * {@code torch._utils._rebuild_tensor_v2}, {@code collections.OrderedDict} and the
 * {@code torch.*Storage} types of {@link TorchDtype}; anything else is rejected.
 */
final class TorchPickleReader {
  private static final int MAX_STACK = 1024;
  private static final int MAX_MEMO = 1024;
  private static final String REBUILD = "torch._utils._rebuild_tensor_v2";
  private static final String ORDERED_DICT = "collections.OrderedDict";

  /** A global the pickle names, e.g. {@code torch.FloatStorage}. */
  private record Global(String module, String name) {
    String qualified() {
      return module + "." + name;
    }
  }

  /** The mark pushed by MARK. */
  private enum Mark { MARK }

  /** The value of {@code OrderedDict()}. */
  private enum EmptyOrderedDict { INSTANCE }

  /** A storage reference from BINPERSID. */
  private record StorageRef(TorchDtype dtype, String key, String location, long numel) {}

  private final byte[] data;
  private final String where;
  private final List<Object> stack = new ArrayList<>();
  private final Map<Long, Object> memo = new HashMap<>();
  private int pos;

  private TorchPickleReader(byte[] data, String where) {
    this.data = data;
    this.where = where;
  }

  /** Interprets {@code data} (the bytes of {@code data.pkl}) as one plain tensor. */
  static TorchTensorRecord read(byte[] data, String where) {
    return new TorchPickleReader(data, where).run();
  }

  private TorchTensorRecord run() {
    while (true) {
      int at = pos;
      int op = u8();
      switch (op) {
        case 0x80 -> {
          int proto = u8();
          if (proto != 2) {
            throw fail(Problem.UNSUPPORTED_OPCODE, at, "pickle protocol " + proto
                + " (torch.save writes protocol 2)");
          }
        }
        case 'c' -> push(global(at));
        case 'q' -> memoPut(u8(), at);
        case 'r' -> memoPut(u32(), at);
        case 'h' -> push(memoGet(u8(), at));
        case 'j' -> push(memoGet(u32(), at));
        case '(' -> push(Mark.MARK);
        case ')' -> push(List.of());
        case 't' -> push(List.copyOf(popToMark(at)));
        case 0x85 -> push(List.copyOf(popN(1, at)));
        case 0x86 -> push(List.copyOf(popN(2, at)));
        case 0x87 -> push(List.copyOf(popN(3, at)));
        case 'X' -> push(unicode(at));
        case 'K' -> push((long) u8());
        case 'M' -> push((long) (u8() | u8() << 8));
        case 'J' -> push((long) s32());
        case 0x8a -> push(long1(at));
        case 0x88 -> push(Boolean.TRUE);
        case 0x89 -> push(Boolean.FALSE);
        case 'N' -> push(NoneValue.NONE);
        case '}' -> push(Map.of());
        case 'Q' -> push(storage(pop(at), at));
        case 'R' -> {
          Object args = pop(at);
          push(reduce(pop(at), args, at));
        }
        case '.' -> {
          return result(at);
        }
        default -> throw fail(Problem.UNSUPPORTED_OPCODE, at, "pickle opcode "
            + opcodeName(op) + " is not one torch.save writes for a plain tensor");
      }
    }
  }

  /** Python's None. */
  private enum NoneValue { NONE }

  private Global global(int at) {
    String module = line(at);
    String name = line(at);
    Global g = new Global(module, name);
    String q = g.qualified();
    if (q.equals(REBUILD) || q.equals(ORDERED_DICT)) {
      return g;
    }
    if (module.equals("torch") && name.endsWith("Storage")) {
      if (TorchDtype.ofStorage(name).isEmpty()) {
        throw fail(Problem.UNSUPPORTED_DTYPE, at, "storage type torch." + name
            + " is not supported (float32/64, float16, int64/32/16/8, uint8, bool)");
      }
      return g;
    }
    throw fail(Problem.UNSUPPORTED_GLOBAL, at, "the pickle names global '" + q
        + "'; only " + REBUILD + ", " + ORDERED_DICT + " and torch.*Storage are allowed");
  }

  private StorageRef storage(Object pid, int at) {
    if (!(pid instanceof List<?> t) || t.size() != 5 || !"storage".equals(t.get(0))
        || !(t.get(1) instanceof Global g) || !(t.get(2) instanceof String key)
        || !(t.get(3) instanceof String location) || !(t.get(4) instanceof Long numel)) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "persistent id " + pid + " is not ('storage', "
          + "torch.<Type>Storage, key, location, numel)");
    }
    if (!g.module().equals("torch") || TorchDtype.ofStorage(g.name()).isEmpty()) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "persistent id names " + g.qualified()
          + ", not a storage type");
    }
    if (numel < 0) {
      throw fail(Problem.BAD_STORAGE, at, "storage '" + key + "' has negative size " + numel);
    }
    return new StorageRef(TorchDtype.ofStorage(g.name()).get(), key, location, numel);
  }

  private Object reduce(Object callable, Object args, int at) {
    if (!(callable instanceof Global g)) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "REDUCE applies " + callable
          + ", not a global");
    }
    if (!(args instanceof List<?> a)) {
      throw fail(Problem.BAD_PICKLE, at, "REDUCE arguments are not a tuple: " + args);
    }
    if (g.qualified().equals(ORDERED_DICT)) {
      if (!a.isEmpty()) {
        throw fail(Problem.UNSUPPORTED_OBJECT, at, "OrderedDict called with arguments " + a);
      }
      return EmptyOrderedDict.INSTANCE;
    }
    if (!g.qualified().equals(REBUILD)) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "REDUCE applies " + g.qualified()
          + ", which builds no tensor");
    }
    return rebuild(a, at);
  }

  /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, meta])}. */
  private TorchTensorRecord rebuild(List<?> a, int at) {
    if (a.size() != 6 && a.size() != 7) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, REBUILD + " takes 6 or 7 arguments, got "
          + a.size());
    }
    if (!(a.get(0) instanceof StorageRef s)) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "the tensor's storage is " + a.get(0)
          + ", not a persistent storage reference");
    }
    if (!(a.get(1) instanceof Long offset) || offset < 0) {
      throw fail(Problem.BAD_STORAGE, at, "storage offset must be an int >= 0, got " + a.get(1));
    }
    long[] size = longs(a.get(2), "size", at);
    long[] stride = longs(a.get(3), "stride", at);
    if (!(a.get(4) instanceof Boolean)) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "requires_grad must be a bool, got " + a.get(4));
    }
    if (a.get(5) != EmptyOrderedDict.INSTANCE) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "backward hooks must be an empty OrderedDict, got "
          + a.get(5));
    }
    if (a.size() == 7 && !(a.get(6) instanceof Map<?, ?> m && m.isEmpty())
        && a.get(6) != NoneValue.NONE) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "tensor metadata " + a.get(6)
          + " is not supported");
    }
    if (size.length != stride.length) {
      throw fail(Problem.BAD_STORAGE, at, "size has " + size.length + " dims but stride has "
          + stride.length);
    }
    return new TorchTensorRecord(s.dtype(), s.key(), s.location(), s.numel(), offset, size,
        stride);
  }

  private long[] longs(Object v, String what, int at) {
    if (!(v instanceof List<?> l)) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, what + " must be a tuple of ints, got " + v);
    }
    long[] out = new long[l.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(l.get(i) instanceof Long x)) {
        throw fail(Problem.UNSUPPORTED_OBJECT, at, what + " must be a tuple of ints, got " + v);
      }
      out[i] = x;
    }
    return out;
  }

  private TorchTensorRecord result(int at) {
    if (stack.size() != 1 || !(stack.get(0) instanceof TorchTensorRecord t)) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "the pickle does not end with exactly one tensor "
          + "on the stack (found " + stack + ")");
    }
    if (pos != data.length) {
      throw fail(Problem.BAD_PICKLE, at, (data.length - pos) + " bytes follow the STOP opcode");
    }
    return t;
  }

  private Object long1(int at) {
    int n = u8();
    byte[] le = bytes(n, at);
    if (n == 0) {
      return 0L;
    }
    byte[] be = new byte[n];
    for (int i = 0; i < n; i++) {
      be[i] = le[n - 1 - i];
    }
    BigInteger v = new BigInteger(be);
    if (v.bitLength() > 63) {
      throw fail(Problem.UNSUPPORTED_OBJECT, at, "integer " + v + " does not fit in 64 bits");
    }
    return v.longValue();
  }

  private String unicode(int at) {
    long n = u32();
    if (n > data.length - pos) {
      throw fail(Problem.BAD_PICKLE, at, "string of " + n + " bytes runs past the end");
    }
    return new String(bytes((int) n, at), StandardCharsets.UTF_8);
  }

  private String line(int at) {
    int start = pos;
    while (pos < data.length && data[pos] != '\n') {
      pos++;
    }
    if (pos >= data.length) {
      throw fail(Problem.BAD_PICKLE, at, "GLOBAL name is not terminated by a newline");
    }
    String s = new String(data, start, pos - start, StandardCharsets.US_ASCII);
    pos++;
    return s;
  }

  private void memoPut(long index, int at) {
    if (stack.isEmpty() || stack.get(stack.size() - 1) == Mark.MARK) {
      throw fail(Problem.BAD_PICKLE, at, "memo put with nothing on the stack");
    }
    if (memo.size() >= MAX_MEMO && !memo.containsKey(index)) {
      throw fail(Problem.BAD_PICKLE, at, "more than " + MAX_MEMO + " memo entries");
    }
    memo.put(index, stack.get(stack.size() - 1));
  }

  private Object memoGet(long index, int at) {
    Object v = memo.get(index);
    if (v == null) {
      throw fail(Problem.BAD_PICKLE, at, "memo get of unset index " + index);
    }
    return v;
  }

  private void push(Object v) {
    if (stack.size() >= MAX_STACK) {
      throw fail(Problem.BAD_PICKLE, pos, "stack deeper than " + MAX_STACK);
    }
    stack.add(v);
  }

  private Object pop(int at) {
    if (stack.isEmpty() || stack.get(stack.size() - 1) == Mark.MARK) {
      throw fail(Problem.BAD_PICKLE, at, "stack underflow");
    }
    return stack.remove(stack.size() - 1);
  }

  private List<Object> popN(int n, int at) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(0, pop(at));
    }
    return out;
  }

  private List<Object> popToMark(int at) {
    int mark = stack.lastIndexOf(Mark.MARK);
    if (mark < 0) {
      throw fail(Problem.BAD_PICKLE, at, "TUPLE without a MARK");
    }
    List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
    stack.subList(mark, stack.size()).clear();
    return items;
  }

  private int u8() {
    if (pos >= data.length) {
      throw fail(Problem.BAD_PICKLE, pos, "truncated (no STOP opcode)");
    }
    return data[pos++] & 0xff;
  }

  private long u32() {
    return (long) u8() | (long) u8() << 8 | (long) u8() << 16 | (long) u8() << 24;
  }

  private int s32() {
    return (int) u32();
  }

  private byte[] bytes(int n, int at) {
    if (n > data.length - pos) {
      throw fail(Problem.BAD_PICKLE, at, "truncated");
    }
    byte[] out = new byte[n];
    System.arraycopy(data, pos, out, 0, n);
    pos += n;
    return out;
  }

  private static String opcodeName(int op) {
    String printable = op >= 0x20 && op < 0x7f ? " '" + (char) op + "'" : "";
    return String.format("0x%02x", op) + printable;
  }

  private TorchFormatException fail(Problem p, int at, String message) {
    return new TorchFormatException(p, where, "data.pkl byte " + at + ": " + message);
  }
}
