package dev.m3search.clustertest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSearch or Elasticsearch cluster on loopback, from the engine's integ-test
 * distribution: a private copy of the installation with the plugin installed, and nodes started
 * with {@code bin/opensearch -d} or {@code bin/elasticsearch -d} as an unprivileged user (both
 * refuse to run as root). Node 0 is the cluster manager; the others are data nodes that can be
 * stopped and started again.
 */
public final class LocalCluster implements AutoCloseable {
  public static final String USER = "m3search-os";
  private static final String CLUSTER_NAME = "m3search-it";

  private final Distribution kind;
  private final Path home;
  private final Path work;
  private final int nodes;
  private final int[] httpPorts;
  private final int[] transportPorts;
  private final Process[] running;

  private LocalCluster(Distribution kind, Path home, Path work, int nodes) throws IOException {
    this.kind = kind;
    this.home = home;
    this.work = work;
    this.nodes = nodes;
    int[] ports = freePorts(2 * nodes);
    this.httpPorts = java.util.Arrays.copyOfRange(ports, 0, nodes);
    this.transportPorts = java.util.Arrays.copyOfRange(ports, nodes, 2 * nodes);
    this.running = new Process[nodes];
  }

  /** Copies {@code distribution} to a fresh folder, installs {@code pluginZip}, and starts {@code nodes} nodes. */
  public static LocalCluster start(Distribution kind, Path distribution, Path pluginZip, int nodes)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("m3search-cluster-");
    Path home = work.resolve(kind.launcher);
    copyTree(distribution, home);
    LocalCluster cluster = new LocalCluster(kind, home, work, nodes);
    if (isRoot()) {
      ensureUser();
      cluster.run(List.of("chown", "-R", USER + ":" + USER, work.toString()), true, "chown");
      cluster.run(List.of("chmod", "755", work.toString()), true, "chmod");
    }
    cluster.run(List.of(home.resolve("bin/" + kind.launcher + "-plugin").toString(), "install", "--batch", pluginZip.toUri().toString()),
        false, "installing the plugin");
    for (int n = 0; n < nodes; n++) {
      cluster.startNode(n);
    }
    return cluster;
  }

  public int httpPort(int node) {
    return httpPorts[node];
  }

  public Path work() {
    return work;
  }

  /** Starts node {@code n} (again, after {@link #stopNode}); its data folder is kept between starts. */
  public void startNode(int n) throws IOException, InterruptedException {
    Path data = work.resolve("node" + n);
    Files.createDirectories(data.resolve("data"));
    Files.createDirectories(data.resolve("logs"));
    if (isRoot()) {
      run(List.of("chown", "-R", USER + ":" + USER, data.toString()), true, "chown");
    }
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/" + kind.launcher).toString(), "-d", "-p", data.resolve("pid").toString()));
    StringBuilder seeds = new StringBuilder();
    for (int i = 0; i < nodes; i++) {
      seeds.append(i == 0 ? "" : ",").append("127.0.0.1:").append(transportPorts[i]);
    }
    List<String> settings = new ArrayList<>(List.of(
        "cluster.name=" + CLUSTER_NAME,
        "node.name=node" + n,
        "network.host=127.0.0.1",
        "http.port=" + httpPorts[n],
        "transport.port=" + transportPorts[n],
        "discovery.seed_hosts=" + seeds,
        // node0 manages the cluster and holds data, the others hold data: with two manager-eligible
        // nodes, stopping either would leave no quorum and block every write until it returned
        "node.roles=" + (n == 0 ? kind.managerRole + ",data,ingest" : "data,ingest"),
        kind.initialManagers + "=node0",
        "path.data=" + data.resolve("data"),
        "path.logs=" + data.resolve("logs"),
        "cluster.routing.allocation.disk.threshold_enabled=false"));
    settings.addAll(kind.extraSettings);
    for (String setting : settings) {
      command.add("-E");
      command.add(setting);
    }
    Files.deleteIfExists(data.resolve("pid"));
    run(command, false, "starting node" + n);
  }

  /** Stops node {@code n} as an operator would (SIGTERM) and waits for it to exit. */
  public void stopNode(int n) throws IOException, InterruptedException {
    Path pidFile = work.resolve("node" + n).resolve("pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle.of(pid).ifPresent(process -> {
      process.destroy();
      try {
        process.onExit().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroyForcibly();
      }
    });
    Files.deleteIfExists(pidFile);
  }

  /** The end of node {@code n}'s log, for failure reports. */
  public String logTail(int n) {
    Path log = work.resolve("node" + n).resolve("logs").resolve(CLUSTER_NAME + ".log");
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  /** Stops every node and deletes the installation and data, unless {@code -Dm3search.keepCluster=true}. */
  @Override
  public void close() throws IOException, InterruptedException {
    for (int n = 0; n < nodes; n++) {
      stopNode(n);
    }
    if (!Boolean.getBoolean("m3search.keepCluster")) {
      org.apache.lucene.util.IOUtils.rm(work);
    }
  }

  /** Runs {@code command} to completion, as the unprivileged user when we are root (except for {@code asRoot}). */
  private void run(List<String> command, boolean asRoot, String what) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (isRoot() && !asRoot) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(command);
    // a file, not a pipe: a daemonised node keeps its parent's output open
    Path output = work.resolve("command.log");
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).directory(home.toFile());
    builder.environment().put(kind.javaHome, System.getProperty("java.home"));
    builder.environment().put(kind.javaOpts, "-Xms512m -Xmx512m");
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(what + " failed (" + String.join(" ", full) + "):\n" + Files.readString(output));
    }
  }

  /** Creates the unprivileged system user the nodes run as, once per machine. */
  private static void ensureUser() throws IOException, InterruptedException {
    if (new ProcessBuilder("id", "-u", USER).start().waitFor() != 0) {
      Process add = new ProcessBuilder("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER)
          .redirectErrorStream(true).start();
      String output = new String(add.getInputStream().readAllBytes());
      if (add.waitFor() != 0) {
        throw new IOException("could not create the user " + USER + " to run the cluster as: " + output);
      }
    }
  }

  public static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int[] freePorts(int count) throws IOException {
    int[] ports = new int[count];
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
    return ports;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
