"""Screens: the main three-pane screen (`main/`) and the modal dialogs (`dialogs/`)."""
