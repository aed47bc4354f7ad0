package dev.circuits.ioi.scrub;

import dev.circuits.scrubbing.OnTheFlySampler;

/**
 * On-the-fly conditional samplers for IOI (remix-ioi §2.7, §6.3): fresh prompts that differ from
 * each reference prompt only where the hypothesis allows, so conditions never run dry. Example:
 * {@code nm.makeDescendant("nm keys", IoiSamplers.newIoSameTemplate(IoiScrubData.of(ioi)))}.
 */
public final class IoiSamplers {
  private IoiSamplers() {}

  /** Only the IO name changes (same template, S, place, object and positions); checked on all other tokens. */
  public static OnTheFlySampler newIoSameTemplate(IoiScrubData data) {
    return new OnTheFlySampler(IoiDataSources.newIoSameTemplate(data),
        IoiFeatures.TOKENS_EXCEPT_IO);
  }

  /** Same IO and S names, another template; checked on the names. */
  public static OnTheFlySampler sameNamesOtherTemplate(IoiScrubData data) {
    return new OnTheFlySampler(IoiDataSources.sameNamesOtherTemplate(data), IoiFeatures.NAMES);
  }

  /** Same IO name, everything else fresh; checked on IO. */
  public static OnTheFlySampler sameIo(IoiScrubData data) {
    return new OnTheFlySampler(IoiDataSources.sameIo(data), IoiFeatures.IO);
  }
}
