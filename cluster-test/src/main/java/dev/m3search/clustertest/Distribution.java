package dev.m3search.clustertest;

import java.util.List;

/** How the two engines' integ-test distributions differ in starting a node. */
public enum Distribution {
  OPENSEARCH("opensearch", "OPENSEARCH_JAVA_HOME", "OPENSEARCH_JAVA_OPTS", "cluster_manager",
      "cluster.initial_cluster_manager_nodes", List.of()),
  /** Security is on by default and would auto-configure TLS at the first start. */
  ELASTICSEARCH("elasticsearch", "ES_JAVA_HOME", "ES_JAVA_OPTS", "master", "cluster.initial_master_nodes",
      List.of("xpack.security.enabled=false"));

  final String launcher;
  final String javaHome;
  final String javaOpts;
  final String managerRole;
  final String initialManagers;
  final List<String> extraSettings;

  Distribution(String launcher, String javaHome, String javaOpts, String managerRole, String initialManagers,
      List<String> extraSettings) {
    this.launcher = launcher;
    this.javaHome = javaHome;
    this.javaOpts = javaOpts;
    this.managerRole = managerRole;
    this.initialManagers = initialManagers;
    this.extraSettings = extraSettings;
  }
}
