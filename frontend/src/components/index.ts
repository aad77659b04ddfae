// Every built-in component: importing a component's file registers its wire type (registry.ts).

import "./button";
import "./column";
import "./download_button";
import "./group";
import "./markdown";
import "./row";
import "./textbox";
import "./timer";
import "./upload_button";
