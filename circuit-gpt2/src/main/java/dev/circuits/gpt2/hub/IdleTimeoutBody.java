package dev.circuits.gpt2.hub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP response body as an InputStream that fails with an IOException when no bytes arrive for the
 * idle timeout (JDK's HttpClient has no read timeout, so a stalled connection would block forever).
 */
final class IdleTimeoutBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
  /** One thing the publisher delivered: buffers, an error or the end. */
  private static final class Signal {
    final List<ByteBuffer> buffers;
    final Throwable error;

    Signal(List<ByteBuffer> buffers, Throwable error) {
      this.buffers = buffers;
      this.error = error;
    }
  }

  private static final Signal END = new Signal(List.of(), null);

  private final BlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
  private final Duration idleTimeout;
  private final String what;
  private volatile Flow.Subscription subscription;
  private Iterator<ByteBuffer> pending = List.<ByteBuffer>of().iterator();
  private ByteBuffer current;
  private boolean ended;
  private boolean closed;

  IdleTimeoutBody(Duration idleTimeout, String what) {
    this.idleTimeout = idleTimeout;
    this.what = what;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(new Signal(item, null));
  }

  @Override
  public void onError(Throwable t) {
    queue.add(new Signal(null, t));
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("body of " + what + " is closed");
    }
    if (len == 0) {
      return 0;
    }
    while (current == null || !current.hasRemaining()) {
      if (pending.hasNext()) {
        current = pending.next();
        continue;
      }
      if (ended) {
        return -1;
      }
      Signal s = next();
      if (s == END) {
        ended = true;
        return -1;
      }
      if (s.error != null) {
        ended = true;
        throw s.error instanceof IOException
            ? (IOException) s.error
            : new IOException("reading " + what + " failed: " + s.error, s.error);
      }
      pending = s.buffers.iterator();
      subscription.request(1);
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    return n;
  }

  private Signal next() throws IOException {
    try {
      Signal s = queue.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
      if (s == null) {
        cancel();
        throw new IOException("no data received for " + idleTimeout.toMillis() + " ms from " + what);
      }
      return s;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel();
      throw new IOException("interrupted while reading " + what, e);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      if (!ended) {
        cancel();
      }
    }
  }

  private void cancel() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
