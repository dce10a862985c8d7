"""The smallest Flask app, the yardstick that `scripts/bench.py` measures pages against."""
from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "Hello, World!"
