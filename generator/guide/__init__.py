"""What editors get from the models: JSON Schemas for their IDE (``schema``), the file
``new`` writes (``scaffold``) and the field reference of the guide (``field_guide``)."""
