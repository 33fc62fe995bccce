"""The seminar room of KommSocial."""
