"""The crisis room of KommSocial."""
