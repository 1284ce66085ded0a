"""What Python's tomllib makes of TOML files: the other side of TOMLDifferentialTests.

Usage: tomllib_tagged.py DIRECTORY OUTPUT.json
Every DIRECTORY/*.toml is read with tomllib; OUTPUT maps each file name to
{"value": tagged tree}, {"error": message}, or {"bigint": true} when the file holds an integer
beyond 64 bits (tomllib keeps it; TOML 1.0 says a reader must refuse what it cannot hold).
Tables are {"table": {...}}, arrays {"array": [...]}, scalars {"type": ..., "value": text};
floats are given by their IEEE 754 bits, so that no printing of decimals can differ.
"""
import datetime
import json
import math
import pathlib
import struct
import sys
import tomllib


class BigInt(Exception):
    pass


def clock(value):
    return f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}.{value.microsecond:06d}"


def tag(value):
    if isinstance(value, bool):
        return {"type": "bool", "value": "true" if value else "false"}
    if isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            raise BigInt()
        return {"type": "integer", "value": str(value)}
    if isinstance(value, float):
        bits = "nan" if math.isnan(value) else str(struct.unpack("<q", struct.pack("<d", value))[0])
        return {"type": "float", "value": bits}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, datetime.datetime):
        text = f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{clock(value)}"
        if value.tzinfo is None:
            return {"type": "datetime-local", "value": text}
        minutes = int(value.utcoffset().total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        hours, rest = divmod(abs(minutes), 60)
        return {"type": "datetime", "value": f"{text}{sign}{hours:02d}:{rest:02d}"}
    if isinstance(value, datetime.date):
        return {"type": "date-local", "value": f"{value.year:04d}-{value.month:02d}-{value.day:02d}"}
    if isinstance(value, datetime.time):
        return {"type": "time-local", "value": clock(value)}
    if isinstance(value, list):
        return {"array": [tag(item) for item in value]}
    if isinstance(value, dict):
        return {"table": {key: tag(item) for key, item in value.items()}}
    raise TypeError(type(value))


def main(directory, output):
    results = {}
    for path in sorted(pathlib.Path(directory).glob("*.toml")):
        try:
            with path.open("rb") as file:
                results[path.name] = {"value": tag(tomllib.load(file))}
        except BigInt:
            results[path.name] = {"bigint": True}
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError) as error:
            results[path.name] = {"error": str(error)}
    pathlib.Path(output).write_text(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
