"""Third-party serializers for the integration tests: confluent-kafka's Avro, Protobuf and
JSON Schema serializers (librdkafka underneath) against the stack's Schema Registry.

  produce  <bootstrap> <registry> <topic> <avro|protobuf|json> <codec> <count>
      writes <count> values with the serializer, then prints what the library's deserializer
      reads back (a read_committed consumer), one JSON line per record.
  read     <bootstrap> <registry> <topic> <avro|protobuf|json>
      prints what the deserializer reads from the whole topic (for our own encoder's bytes).

Values are printed as JSON the way the console shows them: decimals and UUIDs as text, dates
and times in ISO 8601, bytes in base64, Protobuf through MessageToDict with the .proto names.
"""
import base64
import datetime
import decimal
import faulthandler
import json
import os
import sys
import time
import uuid

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.json_schema import JSONDeserializer, JSONSerializer
from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer, ProtobufSerializer
from confluent_kafka.serialization import MessageField, SerializationContext
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory, timestamp_pb2

AVRO_SCHEMA = json.dumps({
    "type": "record",
    "name": "Order",
    "namespace": "storefront.test",
    "fields": [
        {"name": "id", "type": "string"},
        {"name": "seq", "type": "long"},
        {"name": "total", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
        {"name": "placed", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "ref", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "note", "type": ["null", "string"], "default": None},
        {"name": "payment", "type": ["null", "string", "int"], "default": None},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}},
        {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
            {"name": "sku", "type": "string"}, {"name": "qty", "type": "int"}]}}},
        {"name": "tags", "type": {"type": "map", "values": "string"}},
        {"name": "digest", "type": "bytes"},
    ],
})

JSON_SCHEMA = json.dumps({
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Shipment",
    "type": "object",
    "properties": {"id": {"type": "string"}, "total": {"type": "number"}, "items": {"type": "array", "items": {"type": "string"}}},
    "required": ["id", "total"],
})


def protobuf_classes():
    """Two messages (the second with a nested type, an enum, a oneof and a Timestamp), built at run time."""
    file = descriptor_pb2.FileDescriptorProto(name="storefront/test.proto", package="storefront.test", syntax="proto3")
    file.dependency.append("google/protobuf/timestamp.proto")
    first = file.message_type.add(name="Ping")
    first.field.add(name="n", number=1, type=descriptor_pb2.FieldDescriptorProto.TYPE_INT32, label=1)
    order = file.message_type.add(name="Order")
    line = order.nested_type.add(name="Line")
    line.field.add(name="sku", number=1, type=9, label=1)
    line.field.add(name="qty", number=2, type=5, label=1)
    status = order.enum_type.add(name="Status")
    for number, name in enumerate(["NEW", "PAID", "SHIPPED"]):
        status.value.add(name=name, number=number)
    order.oneof_decl.add(name="payment")
    order.field.add(name="id", number=1, type=9, label=1)
    order.field.add(name="seq", number=2, type=3, label=1)  # int64
    order.field.add(name="total", number=3, type=1, label=1)  # double
    order.field.add(name="lines", number=4, type=11, label=3, type_name=".storefront.test.Order.Line")
    order.field.add(name="status", number=5, type=14, label=1, type_name=".storefront.test.Order.Status")
    order.field.add(name="card", number=6, type=9, label=1, oneof_index=0)
    order.field.add(name="voucher", number=7, type=5, label=1, oneof_index=0)
    order.field.add(name="placed", number=8, type=11, label=1, type_name=".google.protobuf.Timestamp")
    order.field.add(name="digest", number=9, type=12, label=1)
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(timestamp_pb2.DESCRIPTOR.serialized_pb)
    pool.Add(file)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("storefront.test.Order"))


def plain(value):
    # Integers beyond 2^53 as text, as the console shows them (a JSON number would round).
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53 - 1:
        return str(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def value_of(kind, i, order_class):
    if kind == "avro":
        return {
            "id": f"o-{i}", "seq": 2**53 + i if i % 3 == 0 else i,
            "total": decimal.Decimal(f"{i * 7}.{i % 100:02d}"),
            "placed": datetime.datetime(2024, 5, 1, 12, 0, 0, (i % 1000) * 1000, tzinfo=datetime.timezone.utc),
            "day": datetime.date(2024, 5, 1 + i % 28),
            "ref": uuid.UUID(int=i * 7919),
            "note": None if i % 2 else f"note {i}",
            "payment": [None, "card", i][i % 3],
            "status": ["NEW", "PAID", "SHIPPED"][i % 3],
            "lines": [{"sku": f"sku-{j}", "qty": j + 1} for j in range(i % 3)],
            "tags": {"source": "librdkafka"} if i % 2 else {},
            "digest": bytes([i % 256, 0, 255]),
        }
    if kind == "json":
        return {"id": f"s-{i}", "total": i * 1.5, "items": [f"item-{j}" for j in range(i % 3)]}
    order = order_class(id=f"o-{i}", seq=2**40 + i, total=i * 2.25, status=i % 3, digest=bytes([i % 256, 1]))
    for j in range(i % 3):
        order.lines.add(sku=f"sku-{j}", qty=j + 1)
    if i % 2:
        order.card = f"card-{i}"
    else:
        order.voucher = i
    order.placed.FromDatetime(datetime.datetime(2024, 5, 1, 12, 0, i % 60, (i % 1000) * 1000))
    return order


def serdes(kind, registry, order_class):
    conf = {"auto.register.schemas": True}
    if kind == "avro":
        return AvroSerializer(registry, AVRO_SCHEMA, conf=conf), AvroDeserializer(registry)
    if kind == "json":
        return JSONSerializer(JSON_SCHEMA, registry, conf=conf), JSONDeserializer(None, schema_registry_client=registry)
    return (
        ProtobufSerializer(order_class, registry, {"auto.register.schemas": True, "use.deprecated.format": False}),
        ProtobufDeserializer(order_class, {"use.deprecated.format": False}),
    )


def shown(kind, value):
    if kind == "protobuf":
        return json_format.MessageToDict(value, preserving_proto_field_name=True)
    return plain(value)


def read_back(bootstrap, topic, kind, deserializer):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"serdes-{uuid.uuid4()}", "isolation.level": "read_committed",
                         "enable.auto.commit": False, "auto.offset.reset": "earliest"})
    metadata = consumer.list_topics(topic, timeout=10)
    partitions = [TopicPartition(topic, p, 0) for p in metadata.topics[topic].partitions]
    ends = {p.partition: consumer.get_watermark_offsets(p, timeout=10)[1] for p in partitions}
    consumer.assign([TopicPartition(topic, p, -2) for p in ends])
    out = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        message = consumer.poll(1.0)
        if message is None:
            # Read to the end: every position at the end offset, or just before it where the last
            # offset is a transaction marker the consumer skips without a record.
            positions = consumer.position([TopicPartition(topic, p) for p in ends])
            if all(tp.offset >= ends[tp.partition] - 1 or ends[tp.partition] == 0 for tp in positions):
                break
            continue
        if message.error():
            continue
        value = deserializer(message.value(), SerializationContext(topic, MessageField.VALUE))
        out.append({"partition": message.partition(), "offset": message.offset(), "value": shown(kind, value)})
    # No close(): a consumer that only read by assignment has nothing to commit or leave, and
    # close() can wait on a group coordinator; the process ends with os._exit below.
    return out


def main():
    # A stuck call prints every thread's stack on stderr and ends the process, instead of hanging the test.
    faulthandler.dump_traceback_later(100, exit=True)
    command, bootstrap, registry_url, topic, kind = sys.argv[1:6]
    registry = SchemaRegistryClient({"url": registry_url, "timeout": 15})
    order_class = protobuf_classes()
    serializer, deserializer = serdes(kind, registry, order_class)
    if command == "produce":
        codec, count = sys.argv[6], int(sys.argv[7])
        # Bounded delivery: an undelivered message fails the run (and exit does not wait out librdkafka's 5-minute default).
        producer = Producer({"bootstrap.servers": bootstrap, "compression.codec": codec, "linger.ms": 20, "message.timeout.ms": 60000})
        for i in range(count):
            producer.produce(topic, key=f"k-{i}".encode(), value=serializer(value_of(kind, i, order_class), SerializationContext(topic, MessageField.VALUE)))
        if producer.flush(70) > 0:
            raise RuntimeError("messages not delivered within 70 s")
    for record in read_back(bootstrap, topic, kind, deserializer):
        print(json.dumps(record))
    sys.stdout.flush()
    # Everything is delivered and printed: leave without librdkafka's destructors (see read_back).
    os._exit(0)


if __name__ == "__main__":
    main()
