// Stylesheets imported as text by the extras and the API page (build.mjs: loader ".css": "text").
declare module "*.css" {
  const css: string;
  export default css;
}
