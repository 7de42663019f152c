"""Runs moto's server for the AWSBackend tests on a free port of 127.0.0.1.

Prints "PORT <n>" once it listens, or "MOTO-MISSING <reason>" and exits 3 when moto cannot be
imported. Exits when its standard input closes (the test process ended) or its parent goes away.
"""

import logging
import os
import sys
import threading
import time

try:
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
except ImportError as error:
    print("MOTO-MISSING", error, flush=True)
    sys.exit(3)

# One line per request on standard error would bury the test output.
logging.getLogger("werkzeug").setLevel(logging.ERROR)

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print("PORT", server.get_host_and_port()[1], flush=True)

parent = os.getppid()
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
while os.getppid() == parent:
    time.sleep(0.5)
os._exit(0)
