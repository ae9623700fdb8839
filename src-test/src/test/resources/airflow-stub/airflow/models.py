"""Stub of airflow.models.Variable: reading one while the DAG file is parsed is an error."""


class Variable:
    @staticmethod
    def get(key, default_var=None, **kwargs):
        raise RuntimeError("Variable.get(%r) called while parsing the DAG: read Variables at run"
                           " time through templates ({{ var.value.%s }})" % (key, key))
