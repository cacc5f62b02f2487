FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph graph
COPY loaders loaders
COPY cypher cypher
COPY api api
COPY viz viz
COPY data data
RUN pip install --no-cache-dir -e .
EXPOSE 8000
CMD ["ecokg", "--help"]
