// Every built-in component: importing a component's file registers its wire type (registry.ts).

import "./accordion";
import "./button";
import "./checkbox";
import "./column";
import "./download_button";
import "./dropdown";
import "./group";
import "./markdown";
import "./number";
import "./row";
import "./slider";
import "./textbox";
import "./timer";
import "./upload_button";
