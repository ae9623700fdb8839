"""Imports a DAG file through the stub beside this file and prints its tasks as JSON."""

import importlib.util
import json
import os
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ beside the DAG
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import airflow  # noqa: E402  (the stub)

spec = importlib.util.spec_from_file_location("dag_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
dags = [value for value in vars(module).values() if isinstance(value, airflow.DAG)]
print(json.dumps([{"dag_id": dag.dag_id, "schedule": dag.kwargs.get("schedule"),
                   "tasks": [{"task_id": task.task_id, "upstream": task.upstream,
                              "kwargs": task.kwargs} for task in dag.tasks]}
                  for dag in dags], default=str))
