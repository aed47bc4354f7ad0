package dev.circuits.cli;

import picocli.CommandLine.Command;

/** {@code circuits ioi ...}: IOI datasets and experiments. */
@Command(name = "ioi", description = "IOI datasets and experiments (REMIX day 5).",
    subcommands = {IoiDatasetCommand.class, IoiLogitDiffCommand.class,
        IoiPathPatchCommand.class, IoiAttentionCommand.class, IoiScrubCommand.class, IoiClaimsCommand.class,
        IoiDiscoverCommand.class})
final class IoiCommand {
  private IoiCommand() {}
}
