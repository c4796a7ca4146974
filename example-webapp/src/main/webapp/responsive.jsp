<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" session="false"
         trimDirectiveWhitespaces="true" import="io.imgfilter.demo.DemoLinks" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Responsive images"/>
<c:set var="ctx" value="${pageContext.servletContext}"/>
<c:set var="sample" value="${DemoLinks.sample(ctx)}"/>
<%@ include file="/WEB-INF/jspf/top.jspf" %>
<h1>Responsive images</h1>
<p class="lead">
  A <code>srcset</code> lists the same picture in several presets, each entry signed on its own;
  the browser picks the one that fits the screen.
</p>
<c:set var="srcset" value="${DemoLinks.url(ctx, sample, 'small')} 300w, ${DemoLinks.url(ctx, sample, 'medium')} 600w, ${DemoLinks.url(ctx, sample, 'large')} 900w"/>
<figure class="example responsive" data-expect="ok">
  <div><img src="<c:out value="${DemoLinks.url(ctx, sample, 'small')}"/>" srcset="<c:out value="${srcset}"/>"
            sizes="(max-width: 700px) 100vw, 700px" alt="<c:out value="${sample}"/>"></div>
  <figcaption><span class="status">…</span></figcaption>
</figure>
<%@ include file="/WEB-INF/jspf/bottom.jspf" %>
