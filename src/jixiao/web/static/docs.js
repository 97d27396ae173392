// The API docs page (/docs): Swagger UI, shipped with the package (swagger-ui-bundle), over /openapi.json.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
