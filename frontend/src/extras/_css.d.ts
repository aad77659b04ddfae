// Stylesheets imported by the extras as text (build.mjs: loader ".css": "text").
declare module "*.css" {
  const css: string;
  export default css;
}
