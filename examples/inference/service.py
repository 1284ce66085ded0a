"""A tiny inference service for the SmartMLOps local driver: no model download, stdlib only.

The platform starts it with `python3 service.py` (the component's `spec.run.command`) and gives
it a free loopback port in $PORT. It answers the ML-component API of the HSE platform:

    POST /predict  {"inputs": [{"name": "text", "datatype": "str", "data": "..."}],
                    "output_fields": [{"name": "upper", "datatype": "str"}]}
    ->             {"outputs": [{"name": "upper", "datatype": "str", "data": "...", "shape": 1}, ...]}

`inference` is the function a real component would replace with its model.
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def inference(inputs, model=None):
    """Counts the words of a text and shouts it back.

    :param inputs.text: the text to look at
    :type inputs.text: str
    :param outputs.upper: the text in upper case
    :type outputs.upper: str
    :param outputs.words: how many words it has
    :type outputs.words: INT32
    """
    text = str(inputs.get("text", ""))
    return {"upper": text.upper(), "words": len(text.split())}


DATATYPES = {"upper": "str", "words": "INT32"}


class Handler(BaseHTTPRequestHandler):
    def _answer(self, status, body):
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path in ("/", "/health"):
            self._answer(200, {"status": "ok"})
        else:
            self._answer(404, {"error": "not found"})

    def do_POST(self):
        if self.path.rstrip("/").split("?")[0] not in ("/predict", ""):
            self._answer(404, {"error": "not found"})
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
            request = json.loads(self.rfile.read(length) or b"{}")
            inputs = {item["name"]: item.get("data") for item in request.get("inputs", [])}
        except (ValueError, KeyError, TypeError) as error:
            self._answer(400, {"error": f"bad request: {error}"})
            return
        result = inference(inputs)
        wanted = [field["name"] for field in request.get("output_fields", [])] or list(result)
        outputs = [{"name": name, "datatype": DATATYPES.get(name, "str"), "data": result.get(name), "shape": 1}
                   for name in wanted]
        print(f"predict: {len(inputs)} inputs -> {len(outputs)} outputs", flush=True)
        self._answer(200, {"outputs": outputs})

    def log_message(self, format, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), format % args))


def main():
    port = int(os.environ.get("PORT", "8002"))
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"inference service listening on 127.0.0.1:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
