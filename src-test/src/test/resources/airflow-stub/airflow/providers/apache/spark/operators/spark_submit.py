"""Stub of SparkSubmitOperator: records its arguments and its upstream tasks."""

import airflow


class SparkSubmitOperator:
    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        self.upstream = []
        dag = airflow.current_dag()
        if dag is None:
            raise RuntimeError("operator %s created outside a DAG" % task_id)
        dag.tasks.append(self)

    def __rshift__(self, other):
        other.upstream.append(self.task_id)
        return other
