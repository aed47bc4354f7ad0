package dev.circuits.gpt2.hub;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** A validated (repo id, revision, filename) triple and the URLs and cache names derived from it. */
record RepoFile(String repoId, String revision, String filename) {
  private static final Pattern REPO_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

  RepoFile {
    checkRepoId(repoId);
    checkRevision(revision);
    checkFilename(filename);
  }

  /** The cache folder name, e.g. {@code models--openai-community--gpt2} (the id as given). */
  String folderName() {
    return "models--" + repoId.replace("/", "--");
  }

  /** Whether the revision is a full commit hash (so the snapshot folder can be used directly). */
  boolean revisionIsCommit() {
    return isCommit(revision);
  }

  /** {@code {endpoint}/{repo}/resolve/{revision}/{filename}}, percent-encoded like huggingface_hub. */
  URI resolveUrl(URI endpoint) {
    StringBuilder sb = new StringBuilder(endpoint.toString());
    sb.append('/').append(repoId).append("/resolve/").append(encode(revision));
    for (String segment : filename.split("/")) {
      sb.append('/').append(encode(segment));
    }
    return URI.create(sb.toString());
  }

  /** The same file at another revision (e.g. the commit the first file resolved to). */
  RepoFile atRevision(String newRevision) {
    return new RepoFile(repoId, newRevision, filename);
  }

  /** The same repo and revision, another file. */
  RepoFile withFilename(String newFilename) {
    return new RepoFile(repoId, revision, newFilename);
  }

  @Override
  public String toString() {
    return "'" + filename + "' of " + repoId + " at revision " + revision;
  }

  static boolean isCommit(String revision) {
    return COMMIT.matcher(revision).matches();
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void checkRepoId(String repoId) {
    if (repoId == null) {
      throw invalid("repo id is null; expected e.g. 'openai-community/gpt2' or 'gpt2'");
    }
    String[] parts = repoId.split("/", -1);
    boolean ok = parts.length <= 2 && !repoId.contains("--") && !repoId.contains("..");
    for (String part : parts) {
      ok &= REPO_PART.matcher(part).matches();
    }
    if (!ok) {
      throw invalid(
          "repo id '" + repoId + "' is not valid; expected 'name' or 'org/name' of letters, digits,"
              + " '.', '_', '-' (no '--' or '..'), e.g. 'openai-community/gpt2'");
    }
  }

  private static void checkRevision(String revision) {
    if (revision == null || revision.isBlank() || revision.contains("..") || revision.startsWith("/")
        || revision.endsWith("/") || revision.contains("\\")) {
      throw invalid(
          "revision '" + revision + "' is not valid; expected a branch, tag or commit, e.g. 'main'");
    }
  }

  private static void checkFilename(String filename) {
    boolean ok = filename != null && !filename.isBlank() && !filename.startsWith("/")
        && !filename.endsWith("/") && !filename.contains("\\");
    if (ok) {
      for (String segment : filename.split("/")) {
        ok &= !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
      }
    }
    if (!ok) {
      throw invalid(
          "filename '" + filename + "' is not valid; expected a relative path inside the repo,"
              + " e.g. 'config.json'");
    }
  }

  private static HubException invalid(String message) {
    return new HubException(HubException.Reason.INVALID_REQUEST, message);
  }
}
