"""Screens: the main three-pane screen and its dialogs."""
