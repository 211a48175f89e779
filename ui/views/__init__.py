"""Pages of the main window, one per section, and the widgets they share."""
