"""The kafka-search-avro peer: librdkafka (confluent-kafka's Consumer) reads every partition of
a topic from the beginning to its end, confluent-kafka's AvroDeserializer (fastavro) decodes
each value, and the predicate `value["payload"]["note"] == needle` is evaluated on it.

  avro_filter.py <bootstrap> <registry> <topic> <needle>

Prints one JSON line: {"messages", "matches", "seconds"}; the time runs from the consumer's
creation to the last partition's end (the interpreter's start and imports are left out).
"""
import json
import sys
import time
import uuid

from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext


def main():
    bootstrap, registry_url, topic, needle = sys.argv[1:5]
    deserialize = AvroDeserializer(SchemaRegistryClient({"url": registry_url}))
    context = SerializationContext(topic, MessageField.VALUE)
    started = time.perf_counter()
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": f"bench-avro-{uuid.uuid4()}",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
        "fetch.max.bytes": 52428800,
        "max.partition.fetch.bytes": 16777216,
    })
    partitions = list(consumer.list_topics(topic, timeout=10).topics[topic].partitions)
    ends = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in partitions}
    consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
    open_partitions = {p for p, end in ends.items() if end > 0}
    messages = 0
    matches = 0
    while open_partitions:
        for message in consumer.consume(num_messages=10000, timeout=5):
            error = message.error()
            if error is not None:
                if error.code() == -191:  # _PARTITION_EOF
                    open_partitions.discard(message.partition())
                continue
            messages += 1
            value = deserialize(message.value(), context)
            if value["payload"]["note"] == needle:
                matches += 1
    seconds = time.perf_counter() - started
    consumer.close()
    print(json.dumps({"messages": messages, "matches": matches, "seconds": seconds}))


if __name__ == "__main__":
    main()
