"""gradio_client against examples/gradio_values.rs: an Image's file and the form widgets' values
make the round trip through Gradio's API exactly as sent."""

import hashlib
import os
import unittest

import httpx
from gradio_client import handle_file

from common import REPO, TOKEN_PATH, client, url_of

FLOWER = os.path.join(REPO, "examples", "assets", "flower.png")


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class GradioValues(unittest.TestCase):
    def test_view_api_names_each_component_and_its_python_type(self):
        c = client("gradio_values")
        info = c.view_api(print_info=False, return_format="dict")
        picture = info["named_endpoints"]["/picture"]
        self.assertEqual(picture["parameters"][0]["component"], "Image")
        self.assertEqual(picture["parameters"][0]["python_type"]["type"], "filepath")
        self.assertEqual([r["component"] for r in picture["returns"]], ["Image", "Number"])
        table = info["named_endpoints"]["/table"]
        self.assertEqual(table["parameters"][0]["component"], "Dataframe")
        self.assertEqual(table["returns"][0]["component"], "Dataframe")
        widgets = info["named_endpoints"]["/widgets"]
        self.assertEqual(
            [p["component"] for p in widgets["parameters"]],
            ["Textbox", "Number", "Checkbox", "Slider", "Dropdown"],
        )
        self.assertEqual(widgets["parameters"][1]["parameter_default"], 1.5)
        c.close()

    def test_an_image_goes_in_and_comes_back_byte_for_byte(self):
        c = client("gradio_values")
        echoed, size = c.predict(handle_file(FLOWER), api_name="/picture")
        self.assertEqual(os.path.basename(echoed), "flower.png")
        self.assertEqual(digest(echoed), digest(FLOWER))
        self.assertEqual(size, float(os.path.getsize(FLOWER)))
        c.close()

    def test_an_image_value_is_a_token_of_the_session(self):
        c = client("gradio_values", download_files=False)
        echoed, _ = c.predict(handle_file(FLOWER), api_name="/picture")
        self.assertRegex(echoed["path"], TOKEN_PATH)
        response = httpx.get(url_of("gradio_values") + "gradio_api/file=" + echoed["path"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["content-type"], "image/png")
        c.close()

    def test_a_file_that_is_not_an_image_is_refused(self):
        c = client("gradio_values")
        with self.assertRaises(Exception) as caught:
            c.predict(handle_file(os.path.join(REPO, "README.md")), api_name="/picture")
        self.assertEqual(caught.exception.response.status_code, 400)
        self.assertEqual(
            caught.exception.response.json()["error"],
            "bad input 0: README.md is not one of the types this component takes (image)",
        )
        c.close()

    def test_a_table_goes_in_and_comes_back_with_its_total(self):
        c = client("gradio_values")
        table = {"headers": ["item", "count"], "data": [["pens", 3], ["ink", 2.5]], "metadata": None}
        result = c.predict(table, api_name="/table")
        self.assertEqual(result["headers"], ["item", "count"])
        self.assertEqual(result["data"], [["pens", 3], ["ink", 2.5], ["total", 5.5]])
        c.close()

    def test_a_table_of_the_wrong_shape_is_refused(self):
        c = client("gradio_values")
        with self.assertRaises(httpx.HTTPStatusError) as caught:
            c.predict({"headers": ["a"], "data": [[1, 2]]}, api_name="/table")
        self.assertEqual(caught.exception.response.status_code, 400)
        self.assertIn("bad input 0", caught.exception.response.json()["error"])
        c.close()

    def test_the_widgets_values_round_trip(self):
        c = client("gradio_values")
        result = c.predict("ferry", 2.25, True, 7.5, "blue", api_name="/widgets")
        self.assertEqual(result, ("ferry", 2.25, True, 7.5, "blue", "**ferry** 2.25 true 7.5 blue"))
        c.close()

    def test_a_value_outside_a_widgets_rules_is_refused(self):
        c = client("gradio_values")
        for bad in [("x", 1.0, True, 11.0, "red"), ("x", 1.0, True, 1.0, "purple")]:
            with self.assertRaises(httpx.HTTPStatusError) as caught:
                c.predict(*bad, api_name="/widgets")
            self.assertEqual(caught.exception.response.status_code, 400)
        c.close()


if __name__ == "__main__":
    unittest.main()
