package dev.m3search.clustertest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to one node, as curl would send it. */
public final class RestClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  public RestClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A response: HTTP status and JSON body. */
  public record Response(int status, JsonNode body) {
    public Response expect(int expected, String what) {
      if (status != expected) {
        throw new AssertionError(what + ": HTTP " + status + " " + body);
      }
      return this;
    }
  }

  public Response send(String method, String path, Object body) throws IOException, InterruptedException {
    String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
    String type = path.contains("_bulk") ? "application/x-ndjson" : "application/json";
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", type)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    return new Response(response.statusCode(), json);
  }

  /** Waits until the cluster has {@code nodes} nodes and {@code status} health (or better). */
  public void waitForHealth(int nodes, String status) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      try {
        Response health = send("GET", "/_cluster/health?wait_for_nodes=" + nodes + "&wait_for_status=" + status + "&timeout=20s", null);
        if (health.status() == 200 && !health.body().path("timed_out").asBoolean(true)) {
          return;
        }
      } catch (IOException e) {
        // node still starting
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("cluster did not reach " + nodes + " nodes and " + status);
      }
      Thread.sleep(1000);
    }
  }
}
