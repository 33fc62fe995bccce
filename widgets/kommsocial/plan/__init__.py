"""The plan room of KommSocial."""
