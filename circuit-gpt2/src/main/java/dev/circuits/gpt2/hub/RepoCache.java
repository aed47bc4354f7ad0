package dev.circuits.gpt2.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The huggingface_hub cache layout under one cache folder: {@code models--ORG--NAME/} with
 * {@code blobs/<etag>}, {@code snapshots/<commit>/<filename>} (relative symlinks to the blobs) and
 * {@code refs/<revision>} holding the commit hash; locks live in {@code .locks/models--ORG--NAME/}.
 */
final class RepoCache {
  private static final Logger LOG = LoggerFactory.getLogger(RepoCache.class);

  private final Path cacheDir;

  RepoCache(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  Path cacheDir() {
    return cacheDir;
  }

  Path repoDir(RepoFile f) {
    return cacheDir.resolve(f.folderName());
  }

  Path blobPath(RepoFile f, String etag) {
    return repoDir(f).resolve("blobs").resolve(etag);
  }

  Path incompletePath(RepoFile f, String etag) {
    return repoDir(f).resolve("blobs").resolve(etag + ".incomplete");
  }

  Path lockPath(RepoFile f, String etag) {
    return cacheDir.resolve(".locks").resolve(f.folderName()).resolve(etag + ".lock");
  }

  Path snapshotDir(RepoFile f, String commit) {
    return repoDir(f).resolve("snapshots").resolve(commit);
  }

  Path snapshotPath(RepoFile f, String commit) {
    return snapshotDir(f, commit).resolve(f.filename());
  }

  Path refPath(RepoFile f) {
    return repoDir(f).resolve("refs").resolve(f.revision());
  }

  /** The commit a revision points to: itself if it is a commit hash, else the content of its ref. */
  Optional<String> commitFor(RepoFile f) {
    if (f.revisionIsCommit()) {
      return Optional.of(f.revision());
    }
    Path ref = refPath(f);
    if (!Files.isRegularFile(ref)) {
      return Optional.empty();
    }
    try {
      String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
      return commit.isEmpty() ? Optional.empty() : Optional.of(commit);
    } catch (IOException e) {
      LOG.warn("cannot read cache ref {}: {}", ref, e.toString());
      return Optional.empty();
    }
  }

  /** The cached file for this revision, if its snapshot entry exists and resolves to a file. */
  Optional<Path> find(RepoFile f) {
    return commitFor(f).map(c -> snapshotPath(f, c)).filter(Files::isRegularFile);
  }

  /** Records that {@code revision} currently points to {@code commit} (nothing to do for commits). */
  void writeRef(RepoFile f, String commit) {
    if (f.revision().equals(commit)) {
      return;
    }
    Path ref = refPath(f);
    try {
      if (Files.isRegularFile(ref)
          && Files.readString(ref, StandardCharsets.UTF_8).trim().equals(commit)) {
        return;
      }
      Files.createDirectories(ref.getParent());
      Path tmp = Files.createTempFile(ref.getParent(), ".ref", ".tmp");
      Files.writeString(tmp, commit, StandardCharsets.UTF_8);
      moveAtomically(tmp, ref);
    } catch (IOException e) {
      throw new HubException(
          HubException.Reason.CACHE_IO, "cannot write cache ref " + ref + ": " + e, e);
    }
  }

  /**
   * Points {@code snapshots/<commit>/<filename>} at the blob with a relative symlink, as huggingface_hub
   * does; copies the blob where symlinks are not supported.
   */
  Path link(RepoFile f, String commit, Path blob) {
    Path pointer = snapshotPath(f, commit);
    try {
      Files.createDirectories(pointer.getParent());
      Files.deleteIfExists(pointer);
      Path relative = pointer.getParent().relativize(blob);
      try {
        Files.createSymbolicLink(pointer, relative);
      } catch (UnsupportedOperationException | FileSystemException e) {
        LOG.debug("symlink {} -> {} failed ({}); copying the blob instead", pointer, relative, e);
        Path tmp = Files.createTempFile(pointer.getParent(), ".copy", ".tmp");
        Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
        moveAtomically(tmp, pointer);
      }
      return pointer;
    } catch (IOException e) {
      throw new HubException(
          HubException.Reason.CACHE_IO,
          "cannot create snapshot entry " + pointer + " for blob " + blob + ": " + e,
          e);
    }
  }

  static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
