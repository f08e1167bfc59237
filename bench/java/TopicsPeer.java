import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The kafka-topics bench's peer: Kafka's own AdminClient gathering what the console's topics
 * API shows, with as few requests as the protocol allows. One AdminClient for the whole run
 * (its connections stay open, as the console's kafkajs client's do); on each "round" line
 * from stdin it gathers every fact afresh and answers one JSON line on stdout:
 * listTopics (internal ones included) and describeCluster at once; then describeTopics of
 * all topics, listOffsets of every partition with the earliest and with the latest spec,
 * and describeLogDirs of every broker, all at once. "quit" closes the client.
 *
 * Usage: java -cp kafka-clients.jar:slf4j-api.jar:. TopicsPeer bootstrap-servers topic-prefix
 */
public final class TopicsPeer {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "eventdeck-bench-java-peer");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "300000");
    String prefix = args[1];
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (Admin admin = Admin.create(props)) {
      out.println("{\"ready\":true}");
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("quit")) break;
        try {
          out.println(round(admin, prefix));
        } catch (Exception error) {
          Throwable cause = error.getCause() != null ? error.getCause() : error;
          out.println("{\"error\":\"" + String.valueOf(cause).replace("\\", "\\\\").replace("\"", "'") + "\"}");
        }
      }
    }
  }

  private static String round(Admin admin, String prefix) throws Exception {
    long started = System.nanoTime();
    var namesFuture = admin.listTopics(new ListTopicsOptions().listInternal(true)).names();
    var nodesFuture = admin.describeCluster().nodes();
    Set<String> names = namesFuture.get();
    Collection<Node> nodes = nodesFuture.get();
    double namesMs = (System.nanoTime() - started) / 1e6;
    List<Integer> brokerIds = new ArrayList<>();
    for (Node node : nodes) brokerIds.add(node.id());

    var logDirsFuture = admin.describeLogDirs(brokerIds).allDescriptions().toCompletionStage().toCompletableFuture();
    Map<String, TopicDescription> topics = admin.describeTopics(TopicCollection.ofTopicNames(names)).allTopicNames().get();
    double describedMs = (System.nanoTime() - started) / 1e6;
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (TopicDescription topic : topics.values()) {
      for (TopicPartitionInfo p : topic.partitions()) {
        TopicPartition tp = new TopicPartition(topic.name(), p.partition());
        earliest.put(tp, OffsetSpec.earliest());
        latest.put(tp, OffsetSpec.latest());
      }
    }
    CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> low = admin.listOffsets(earliest).all().toCompletionStage().toCompletableFuture();
    CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> high = admin.listOffsets(latest).all().toCompletionStage().toCompletableFuture();
    CompletableFuture.allOf(low, high, logDirsFuture).get();
    double ms = (System.nanoTime() - started) / 1e6;

    // What the console's list shows per topic, summed over the bench's topics as a check.
    long benchTopics = 0, benchMessages = 0, partitions = 0, underReplicated = 0;
    for (TopicDescription topic : topics.values()) {
      partitions += topic.partitions().size();
      for (TopicPartitionInfo p : topic.partitions()) if (p.isr().size() < p.replicas().size()) underReplicated++;
      if (!topic.name().startsWith(prefix)) continue;
      benchTopics++;
      for (TopicPartitionInfo p : topic.partitions()) {
        TopicPartition tp = new TopicPartition(topic.name(), p.partition());
        benchMessages += high.get().get(tp).offset() - low.get().get(tp).offset();
      }
    }
    long bytes = 0;
    Set<String> sized = new HashSet<>();
    for (Map<String, LogDirDescription> dirs : logDirsFuture.get().values()) {
      for (LogDirDescription dir : dirs.values()) {
        for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
          if (replica.getValue().isFuture()) continue;
          bytes += replica.getValue().size();
          sized.add(replica.getKey().topic());
        }
      }
    }
    return String.format(
        "{\"ms\":%.3f,\"namesMs\":%.3f,\"describedMs\":%.3f,\"topics\":%d,\"partitions\":%d,\"underReplicated\":%d,\"benchTopics\":%d,\"benchMessages\":%d,\"bytes\":%d,\"sizedTopics\":%d,\"brokers\":%d}",
        ms, namesMs, describedMs, topics.size(), partitions, underReplicated, benchTopics, benchMessages, bytes, sized.size(), brokerIds.size());
  }
}
