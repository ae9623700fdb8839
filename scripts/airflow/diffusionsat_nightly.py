"""Nightly DiffusionSat run: super-resolve the catalogue, evaluate the results and publish the
report (README "GPU clusters"). scripts/nightly.sh does the same for cron.

Both tasks run the project's jar through spark-submit (SparkSubmitOperator) with the settings of
scripts/submit.sh: one GPU per executor and per task, and the JVM options of conf/jvm.options.
The run id is dated, ``nightly-YYYYMMDD``, so that a retried night resumes its tiles and each
evaluation is compared with the previous night's (the evaluate job finds the latest earlier run
of the same task and catalogue under ``<output>/evaluate/``). Evaluate runs only after superres
succeeded: a superres that failed (or exceeded job.maxFailedFraction, exit 1) stops the night.
The report is published by the evaluate job itself to ``<publish>/<run-id>/`` and
``<publish>/latest/`` (``evaluate.publishTo``).

Airflow Variables (all strings), read when a task runs (Jinja templates), never while the
scheduler parses this file:
  diffusionsat_jar        the shaded jar (job/target/diffusionsat.jar), on a path the workers see
  diffusionsat_catalog    the tile catalogue, e.g. s3a://bucket/catalog
  diffusionsat_output     the output root, e.g. s3a://bucket/out
  diffusionsat_publish    where reports are published, e.g. s3a://bucket/reports (optional)
  diffusionsat_config     a YAML file layered over conf/defaults.yaml (optional)
  diffusionsat_gdal_jni   folder with libgdalalljni.so on the executors
  diffusionsat_gpu_discovery  scripts/gpu-discovery.sh, shipped to the executors
Connection ``spark_default`` names the cluster (YARN or Kubernetes).

The JVM options are read from ``jvm.options`` beside this file (copy conf/jvm.options there when
the DAG is deployed on its own) or from the project's ``conf/jvm.options``.
"""

from datetime import datetime, timedelta
from pathlib import Path

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

RUN_ID = "nightly-{{ ds_nodash }}"
MAIN_CLASS = "diffusionsat.job.cli.Main"
HERE = Path(__file__).resolve().parent


def jvm_options():
    """conf/jvm.options as one line (the module options Spark, DJL and GDAL need)."""
    for candidate in (HERE / "jvm.options", HERE.parent.parent / "conf" / "jvm.options"):
        if candidate.is_file():
            lines = candidate.read_text(encoding="utf-8").splitlines()
            return " ".join(line.strip() for line in lines
                            if line.strip() and not line.strip().startswith("#"))
    raise FileNotFoundError("jvm.options not found beside the DAG nor in ../../conf/: copy the"
                            " project's conf/jvm.options next to " + __file__)


JAVA_OPTIONS = (jvm_options() + " -Djava.library.path={{ var.value.diffusionsat_gdal_jni }}"
                " -Dai.djl.pytorch.num_interop_threads=1")

# One GPU per executor and per task: the per-executor model cache then holds one model per GPU.
SPARK_CONF = {
    "spark.executor.resource.gpu.amount": "1",
    "spark.task.resource.gpu.amount": "1",
    "spark.executor.resource.gpu.discoveryScript": "gpu-discovery.sh",
    "spark.executor.memoryOverhead": "16g",
    "spark.executorEnv.DJL_OFFLINE": "true",
    "spark.executorEnv.OPT_OUT_TRACKING": "true",
    "spark.hadoop.fs.s3a.fast.upload": "true",
    "spark.hadoop.fs.s3a.retry.limit": "10",
    "spark.hadoop.fs.s3a.attempts.maximum": "10",
    "spark.task.maxFailures": "4",
    "spark.driver.extraJavaOptions": JAVA_OPTIONS,
    "spark.executor.extraJavaOptions": JAVA_OPTIONS,
}


def job_args(command, *extra):
    """The launcher's arguments for one job; an empty --config (Variable unset) is ignored."""
    return [command, "--catalog", "{{ var.value.diffusionsat_catalog }}",
            "--output", "{{ var.value.diffusionsat_output }}", "--run-id", RUN_ID,
            "--config", "{{ var.value.get('diffusionsat_config', '') }}", *extra]


with DAG(
    dag_id="diffusionsat_nightly",
    description="DiffusionSat super-resolution, evaluation and report, every night",
    schedule="0 2 * * *",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["diffusionsat"],
) as dag:
    superres = SparkSubmitOperator(
        task_id="superres",
        application="{{ var.value.diffusionsat_jar }}",
        java_class=MAIN_CLASS,
        conf=SPARK_CONF,
        files="{{ var.value.diffusionsat_gpu_discovery }}",
        application_args=job_args("superres"),
        name="diffusionsat-superres-" + RUN_ID,
    )

    evaluate = SparkSubmitOperator(
        task_id="evaluate",
        application="{{ var.value.diffusionsat_jar }}",
        java_class=MAIN_CLASS,
        conf=SPARK_CONF,
        files="{{ var.value.diffusionsat_gpu_discovery }}",
        application_args=job_args(
            "evaluate",
            "--results", "{{ var.value.diffusionsat_output }}/superres/" + RUN_ID,
            "--set", "evaluate.publishTo={{ var.value.get('diffusionsat_publish', '') }}"),
        name="diffusionsat-evaluate-" + RUN_ID,
    )

    superres >> evaluate
