<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" errorPage="/error.jsp" %>
<%@ taglib prefix="img" uri="urn:imgfilter:tags" %>
<!DOCTYPE html>
<html><body>
<img:signed src="2024/café & co's <1>+%.jpg" preset="small" ttl="1h" alt="Café & co's <1>" class="hero" loading="lazy"/>
<img:signed src="日本語/写真 一.jpg" presets="small, medium,large" sizes="(max-width: 600px) 100vw, 600px" alt="写真" data-caption='say "cheese"'/>
<img:signed src="2024/space name.jpg" preset="thumb" alt=""/>
</body></html>
