// Swagger UI for /api/docs, started from a file (the Content-Security-Policy allows no inline script).
window.addEventListener('DOMContentLoaded', () => {
  window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
