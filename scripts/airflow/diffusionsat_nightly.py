"""Nightly DiffusionSat run: super-resolve the catalogue, evaluate the results and publish the
report (DESIGN.md §1, §8). scripts/nightly.sh does the same for cron.

Both tasks run the project's jar through spark-submit (SparkSubmitOperator) with the GPU settings
of scripts/submit.sh. The run id is dated, ``nightly-YYYYMMDD``, so that a retried night resumes
its tiles and each evaluation is compared with the previous night's (the evaluate job finds the
latest earlier run under ``<output>/evaluate/``). The report is published by the evaluate job
itself to ``<publish>/<run-id>/`` and ``<publish>/latest/`` (``evaluate.publishTo``).

Airflow Variables (all strings):
  diffusionsat_jar        the shaded jar (job/target/diffusionsat.jar), on a path the workers see
  diffusionsat_catalog    the tile catalogue, e.g. s3a://bucket/catalog
  diffusionsat_output     the output root, e.g. s3a://bucket/out
  diffusionsat_publish    where reports are published, e.g. s3a://bucket/reports ("" for none)
  diffusionsat_config     a YAML file layered over conf/defaults.yaml ("" for none)
  diffusionsat_gdal_jni   folder with libgdalalljni.so on the executors
  diffusionsat_gpu_discovery  scripts/gpu-discovery.sh, shipped to the executors
Connection ``spark_default`` names the cluster (YARN or Kubernetes).
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

RUN_ID = "nightly-{{ ds_nodash }}"
MAIN_CLASS = "diffusionsat.job.cli.Main"

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
    "spark.task.maxFailures": "4",
    "spark.driver.extraJavaOptions": "-Djava.library.path={{ var.value.diffusionsat_gdal_jni }}",
    "spark.executor.extraJavaOptions":
        "-Djava.library.path={{ var.value.diffusionsat_gdal_jni }}",
}


def job_args(command, *extra):
    """The launcher's arguments for one job, with the optional configuration file."""
    args = [command, "--catalog", "{{ var.value.diffusionsat_catalog }}",
            "--output", "{{ var.value.diffusionsat_output }}", "--run-id", RUN_ID]
    if Variable.get("diffusionsat_config", default_var=""):
        args += ["--config", "{{ var.value.diffusionsat_config }}"]
    return args + list(extra)


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

    publish = Variable.get("diffusionsat_publish", default_var="")
    evaluate = SparkSubmitOperator(
        task_id="evaluate",
        application="{{ var.value.diffusionsat_jar }}",
        java_class=MAIN_CLASS,
        conf=SPARK_CONF,
        files="{{ var.value.diffusionsat_gpu_discovery }}",
        application_args=job_args(
            "evaluate",
            "--results", "{{ var.value.diffusionsat_output }}/superres/" + RUN_ID,
            *(["--set", "evaluate.publishTo=" + publish] if publish else [])),
        name="diffusionsat-evaluate-" + RUN_ID,
        # Evaluate what finished even when superres exceeded its failure tolerance (exit 1).
        trigger_rule="all_done",
    )

    superres >> evaluate
