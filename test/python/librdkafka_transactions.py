"""Transactions written by librdkafka (confluent-kafka's Producer) with some of them aborted.

  librdkafka_transactions.py <bootstrap> <topic> <codec> <transactions> <per-transaction>

Transaction t writes <per-transaction> text values "t<t>-m<i>" keyed "k<i>"; every third one
is aborted, the others committed. Prints {"committed", "aborted"}: how many records of each.
"""
import json
import sys
import uuid

from confluent_kafka import Producer


def main():
    bootstrap, topic, codec, transactions, per = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    producer = Producer({
        "bootstrap.servers": bootstrap,
        "transactional.id": f"it-librdkafka-{uuid.uuid4()}",
        "compression.codec": codec,
        "linger.ms": 5,
    })
    producer.init_transactions(30)
    counts = {"committed": 0, "aborted": 0}
    for t in range(transactions):
        producer.begin_transaction()
        for i in range(per):
            producer.produce(topic, key=f"k{i}".encode(), value=f"t{t}-m{i} {'x' * (i % 40)}".encode())
        producer.flush(30)
        if t % 3 == 1:
            producer.abort_transaction(30)
            counts["aborted"] += per
        else:
            producer.commit_transaction(30)
            counts["committed"] += per
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
