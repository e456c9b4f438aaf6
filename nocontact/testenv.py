"""A pytest plugin, loaded before Django is set up (see pytest.ini): keep a test run's
generated keys and files out of the user's real data folder."""

import os
import tempfile

os.environ.setdefault("NOCONTACT_DATA_DIR", tempfile.mkdtemp(prefix="nocontact-test-"))
