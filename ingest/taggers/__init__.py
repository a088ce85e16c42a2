"""What the taggers find in a clause: dates, figures, policy measures and glossary terms."""
