"""gradio_client against examples/events_gallery.rs: streams, status, cancel, errors, hidden endpoints."""

import time
import unittest

from gradio_client import Client
from gradio_client.exceptions import AppError
from gradio_client.utils import Status

from common import client, post


class EventsGallery(unittest.TestCase):
    def setUp(self):
        self.c = client("events_gallery")

    def tearDown(self):
        self.c.close()

    def test_submit_on_a_generator_receives_every_intermediate_value(self):
        job = self.c.submit(api_name="/generate")
        descriptions = set()
        while not job.done():
            status = job.status()
            if status.code == Status.PROGRESS and status.progress_data:
                descriptions.add(status.progress_data[0].desc)
            time.sleep(0.02)
        self.assertEqual(job.result(timeout=30), "▇▇▇▇▇ made")
        # The handler's Progress reports reach the client's status.
        self.assertIn("Step 1 of 5", descriptions)
        self.assertEqual(job.outputs(), ["▇ made", "▇▇ made", "▇▇▇ made", "▇▇▇▇ made", "▇▇▇▇▇ made"])
        self.assertEqual(job.status().code, Status.FINISHED)
        self.assertTrue(job.status().success)

    def test_cancel_stops_a_streaming_handler(self):
        job = self.c.submit(api_name="/count")
        deadline = time.time() + 10
        while len(job.outputs()) < 3 and time.time() < deadline:
            time.sleep(0.05)
        self.assertEqual(job.outputs()[:3], ["1", "2", "3"])
        self.assertEqual(job.status().code, Status.ITERATING)
        event_id = job.communicator.event_id
        job.cancel()
        self.assertEqual(job.status().code, Status.CANCELLED)
        time.sleep(0.6)
        counted = len(job.outputs())
        # The server stopped the run: it is no longer pending, and nothing more comes.
        response = post(
            "events_gallery",
            "/gradio_api/cancel",
            {"event_id": event_id, "session_hash": self.c.session_hash, "fn_index": 1},
        )
        self.assertEqual(response.status_code, 404)
        time.sleep(0.5)
        self.assertEqual(len(job.outputs()), counted)

    def test_an_erroring_handler_raises_app_error_with_its_message(self):
        with self.assertRaises(AppError) as raised:
            self.c.predict("  ", api_name="/save")
        self.assertEqual(raised.exception.message, "A name is needed")
        self.assertEqual(self.c.predict("Ada", api_name="/save"), "Saved Ada")

    def test_a_hidden_endpoint_is_callable_but_not_listed(self):
        info = self.c.view_api(print_info=False, return_format="dict")
        self.assertNotIn("/error", info["named_endpoints"])
        self.assertIn("/count", info["named_endpoints"])
        with self.assertRaises(AppError) as raised:
            self.c.predict(api_name="/error")
        self.assertEqual(raised.exception.message, "No rows match the filter.")

    def test_fn_index_and_api_name_reach_the_same_endpoint(self):
        index = next(
            d["id"] for d in self.c.config["dependencies"] if d.get("api_name") == "save"
        )
        self.assertEqual(self.c.predict("Bo", fn_index=index), "Saved Bo")
        with self.assertRaises(ValueError):
            self.c.predict("Bo", api_name="/no-such-endpoint")


if __name__ == "__main__":
    unittest.main()
