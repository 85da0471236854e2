/**
 * What the two plugins' cluster tests share: {@link dev.m3search.clustertest.PluginClusterContract},
 * the tests themselves; {@link dev.m3search.clustertest.LocalCluster}, a real cluster of either
 * engine on loopback, started from its integ-test distribution as an unprivileged user; and the
 * generated representations and the embedded engine the cluster's results are compared with.
 */
package dev.m3search.clustertest;
