FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY explainer ./explainer
COPY graph ./graph
COPY api ./api
COPY jobs ./jobs
COPY cypher ./cypher
COPY seeds ./seeds
RUN pip install . && useradd --create-home --uid 10001 explainer
USER explainer
EXPOSE 8000
CMD ["explainer", "api"]
